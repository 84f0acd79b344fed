import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DEFAULT_PSP_PARAMETERS,
  ParameterConfigError,
  ParameterExtension,
  PspParameters,
  extendParameters,
  parseParameterExtension,
  useDeploymentParameters,
} from '@psp/psp-case';

/** PD-5: the deployment's dated tables, from `PSP_PARAMETERS_FILE` over the defaults. */
export interface ParameterTableConfig {
  /** The configuration file, when one is given. */
  readonly file?: string;
  /** SHA-256 of the file's canonical content: a change of it is recorded once (psp-parameters stream). */
  readonly sha256?: string;
  readonly extension?: ParameterExtension;
  readonly params: PspParameters;
}

/**
 * Reads, checks and installs the deployment's parameter table at start. A file that cannot be read
 * or breaks a rule stops the start with the list of problems (PD-5: never a guessed value).
 */
export function loadParameterTable(
  env: NodeJS.ProcessEnv,
  fail: (message: string) => Error,
): ParameterTableConfig {
  const file = env.PSP_PARAMETERS_FILE;
  if (!file) {
    useDeploymentParameters(DEFAULT_PSP_PARAMETERS);
    return { params: DEFAULT_PSP_PARAMETERS };
  }
  const path = resolve(file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw fail(`PSP_PARAMETERS_FILE ${path} cannot be read as JSON: ${(error as Error).message}`);
  }
  try {
    const extension = parseParameterExtension(json);
    const params = extendParameters(DEFAULT_PSP_PARAMETERS, extension);
    useDeploymentParameters(params);
    const sha256 = createHash('sha256').update(JSON.stringify(extension.series)).digest('hex');
    return { file: path, sha256, extension, params };
  } catch (error) {
    if (error instanceof ParameterConfigError) throw fail(`PSP_PARAMETERS_FILE ${path}: ${error.message}`);
    throw error;
  }
}
