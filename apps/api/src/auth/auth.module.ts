import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { AccountLinksController } from './account-links.controller.js';
import { AccountLinksRepository } from './account-links.repository.js';
import { AccountLinksService } from './account-links.service.js';
import { ApiTokensController } from './api-tokens.controller.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import { ApiTokensService } from './api-tokens.service.js';
import { AuthController } from './auth.controller.js';
import { AuthRepository } from './auth.repository.js';
import { AuthService } from './auth.service.js';
import { LocalAuthGuard } from './local-auth.guard.js';
import { LocalStrategy } from './local.strategy.js';
import { createPassport, PASSPORT } from './passport.js';
import { MfaController } from './mfa/mfa.controller.js';
import { MfaRepository } from './mfa/mfa.repository.js';
import { MfaService } from './mfa/mfa.service.js';
import { SessionSerializer } from './session.serializer.js';
import { SessionStore } from './session-store.js';
import { SessionsRepository } from './sessions.repository.js';

@Module({
  imports: [MailModule],
  controllers: [AuthController, AccountLinksController, ApiTokensController, MfaController],
  providers: [
    AuthService,
    AccountLinksService,
    AccountLinksRepository,
    ApiTokensService,
    ApiTokensRepository,
    AuthRepository,
    SessionsRepository,
    MfaRepository,
    MfaService,
    LocalStrategy,
    LocalAuthGuard,
    SessionSerializer,
    SessionStore,
    { provide: PASSPORT, useFactory: createPassport },
  ],
  exports: [AuthService, SessionStore, PASSPORT, ApiTokensService],
})
export class AuthModule {}
