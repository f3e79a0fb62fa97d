import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access.decorator.js';
import type { HttpResponse } from '../common/http.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DataFolderWatch } from '../database/data-folder.js';
import { HealthRepository } from './health.repository.js';

/** The database's own limit for the probe; the answer comes within HEALTH_BUDGET_MS whatever happens. */
const PROBE_MS = 1_500;
const HEALTH_BUDGET_MS = 1_800;

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ enum: ['up', 'down'], description: 'down: unreachable, slower than 1.5 s, or its main table locked' }) db: 'up' | 'down';
  @ApiPropertyOptional({ enum: ['ok', 'missing', 'read_only'], description: 'The data folder (embedded database, uploads)' })
  dataDir?: 'ok' | 'missing' | 'read_only';
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: HealthRepository,
    private readonly dataFolder: DataFolderWatch,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async databaseUp(): Promise<boolean> {
    try {
      await within(HEALTH_BUDGET_MS, this.database.probe(PROBE_MS));
      return true;
    } catch {
      return false;
    }
  }

  /** Liveness of the service: the database answers (within 2 s) and its files are where they belong. */
  @Get()
  @Access('public')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async health(@Res({ passthrough: true }) response: HttpResponse): Promise<HealthDto> {
    const db = (await this.databaseUp()) ? 'up' : 'down';
    const answer: HealthDto = { status: db === 'up' && this.dataFolder.present() ? 'ok' : 'error', db };
    if (!this.dataFolder.present()) answer.dataDir = 'missing';
    if (answer.status === 'error') response.status(503);
    return answer;
  }

  /** Readiness to take traffic: the above, and the data folder (uploads) can be written. */
  @Get('ready')
  @Access('public')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async ready(@Res({ passthrough: true }) response: HttpResponse): Promise<HealthDto> {
    const db = (await this.databaseUp()) ? 'up' : 'down';
    let dataDir: HealthDto['dataDir'] = 'ok';
    if (!this.dataFolder.present()) dataDir = 'missing';
    else {
      try {
        accessSync(path.resolve(this.config.dataDir), constants.W_OK);
      } catch (error) {
        dataDir = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'read_only';
      }
    }
    const answer: HealthDto = { status: db === 'up' && dataDir === 'ok' ? 'ok' : 'error', db, dataDir };
    if (answer.status === 'error') response.status(503);
    return answer;
  }
}
