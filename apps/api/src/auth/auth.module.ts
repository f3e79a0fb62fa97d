import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LocalAuthGuard } from './local-auth.guard.js';
import { LocalStrategy } from './local.strategy.js';
import { createPassport, PASSPORT } from './passport.js';
import { SessionSerializer } from './session.serializer.js';
import { SessionStore } from './session-store.js';

@Module({
  controllers: [AuthController],
  providers: [AuthService, LocalStrategy, LocalAuthGuard, SessionSerializer, SessionStore, { provide: PASSPORT, useFactory: createPassport }],
  exports: [AuthService, SessionStore, PASSPORT],
})
export class AuthModule {}
