import { api } from '../api';
import { OpenApiDocument } from './schema';

let loading: Promise<OpenApiDocument> | undefined;

/** The API's OpenAPI document (`/docs/openapi.json`), read once per page load. */
export function openApiDocument(): Promise<OpenApiDocument> {
  loading ??= api<OpenApiDocument>('GET', '/docs/openapi.json').then((answer) => answer.body);
  loading.catch(() => (loading = undefined));
  return loading;
}
