import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ALL_ROLES, issueDevToken } from '@psp/security';
import { AppConfig } from '@psp/runtime';
import { APP_CONFIG } from '../config/app-config.token';
import { Public } from '../infrastructure/authentication';

export class DevTokenRequestDto {
  @IsIn(ALL_ROLES)
  role!: string;

  @IsOptional()
  @Matches(/^(\d{2,3}|2A|2B)$/)
  departement?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  associationId?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  memberId?: string;
}

/** A development token lives one hour: the console keeps it in memory only. */
const DEV_TOKEN_SECONDS = 3600;

/**
 * Development sign-in for the web console: the same token `npm run cli -- token` prints, signed
 * with the local development key. Mounted only when development tokens are accepted
 * (AUTH_MODE=dev, never in production: the configuration refuses dev mode there), and left out
 * of the OpenAPI document, which describes the contract of a deployed API.
 */
@ApiExcludeController()
@Public()
@Controller('dev/tokens')
export class DevTokensController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  roles() {
    return { roles: ALL_ROLES };
  }

  @Post()
  @HttpCode(201)
  async issue(@Body() body: DevTokenRequestDto) {
    const keyFile = this.config.auth.devKeyFile!;
    const scoped = body.departement ? `-${body.departement}` : '';
    const who = body.memberId ?? body.associationId ?? '';
    const token = await issueDevToken(
      keyFile,
      {
        subject: `dev-console-${body.role}${scoped}${who ? `-${who}` : ''}`,
        role: body.role,
        departement: body.departement,
        associationId: body.associationId,
        memberId: body.memberId,
        ttlSeconds: DEV_TOKEN_SECONDS,
      },
      this.config.auth.audience,
    );
    return { token, expiresIn: DEV_TOKEN_SECONDS };
  }
}

/** Whether this configuration accepts development tokens (and so mounts `POST /dev/tokens`). */
export const devTokensEnabled = (config: AppConfig): boolean =>
  config.auth.mode === 'dev' && Boolean(config.auth.devKeyFile) && config.environment !== 'production';
