import { Body, Controller, Delete, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, type SessionUser } from '../access/access.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { CourseContentService } from './course-content.service.js';
import { toModuleDto } from './course-dto.js';
import { UpdateModuleDto } from './dto/course-input.dto.js';
import { LessonDto, OutlineModuleDto } from './dto/course.dto.js';
import { CreateLessonDto } from './dto/lesson-input.dto.js';
import { toAuthorLessonDto } from './lesson-dto.js';

@ApiTags('courses')
@Controller('modules')
export class ModulesController {
  constructor(private readonly content: CourseContentService) {}

  @Patch(':id')
  @Access('trainer', 'admin')
  @ApiOkResponse({ type: OutlineModuleDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async update(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseId()) id: string,
    @Body() dto: UpdateModuleDto,
  ): Promise<Omit<OutlineModuleDto, 'lessons'>> {
    return toModuleDto(await this.content.updateModule(user, id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('trainer', 'admin')
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto })
  remove(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string): Promise<void> {
    return this.content.deleteModule(user, id);
  }

  @Post(':id/lessons')
  @Access('trainer', 'admin')
  @ApiCreatedResponse({ type: LessonDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async addLesson(@CurrentUser() user: SessionUser, @Param('id', ParseId()) id: string, @Body() dto: CreateLessonDto): Promise<LessonDto> {
    return toAuthorLessonDto(await this.content.addLesson(user, id, dto));
  }
}
