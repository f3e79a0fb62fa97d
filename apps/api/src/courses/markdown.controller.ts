import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Access } from '../access/access.decorator.js';
import { renderMarkdown } from '../common/markdown.js';

export class MarkdownPreviewDto {
  @ApiProperty({ maxLength: 100000 }) @IsString() @MaxLength(100000) markdown: string;
}

export class MarkdownHtmlDto {
  @ApiProperty({ description: 'Sanitized HTML, exactly as learners will get it' }) html: string;
}

/** The editor's preview goes through the same renderer and sanitizer as saved lessons. */
@ApiTags('courses')
@Controller('markdown')
export class MarkdownController {
  @Post('preview')
  @HttpCode(200)
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: MarkdownHtmlDto })
  preview(@Body() dto: MarkdownPreviewDto): MarkdownHtmlDto {
    return { html: renderMarkdown(dto.markdown) };
  }
}
