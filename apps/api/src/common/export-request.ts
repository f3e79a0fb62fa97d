import { applyDecorators, Injectable, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error.js';
import { ErrorDto } from './error.dto.js';

/** What a browser may be doing when it fetches a download: opening it (a link) or fetching it from script. */
const DOWNLOAD_DESTINATIONS = new Set(['document', 'empty']);

/**
 * Whether a request for a personal-data export is one a person asked for. Browsers name what a
 * request is for (`Sec-Fetch-Dest`) and where it came from (`Sec-Fetch-Site`); an `<img>`,
 * `<script>`, `<iframe>` or stylesheet pointing at an export (in a lesson, or on another site)
 * would make a signed-in admin's browser run it with their cookie. Clients that send no
 * Sec-Fetch headers (scripts, curl, older browsers) are not embedding anything and pass.
 */
export function isRequestedDownload(headers: FastifyRequest['headers']): boolean {
  const dest = headers['sec-fetch-dest'];
  if (dest !== undefined && !DOWNLOAD_DESTINATIONS.has(String(dest))) return false;
  return headers['sec-fetch-site'] !== 'cross-site';
}

/** Refuses (403 `export_request_refused`) an export that a page embedded or another site asked for. */
@Injectable()
export class ExportRequestGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!isRequestedDownload(request.headers)) throw new AppError('export_request_refused');
    return true;
  }
}

/**
 * Marks a GET that hands out personal or reporting data as a file: it runs (and is audited) only
 * when opened or fetched by the platform's own pages, never as an embedded image, script or frame.
 */
export function ExportRoute(): MethodDecorator {
  return applyDecorators(
    UseGuards(ExportRequestGuard),
    ApiForbiddenResponse({
      type: ErrorDto,
      description: '`export_request_refused`: loaded as an image, script or frame (Sec-Fetch-Dest), or from another site (Sec-Fetch-Site)',
    }),
  );
}
