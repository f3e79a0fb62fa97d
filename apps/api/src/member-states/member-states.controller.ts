import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access.decorator.js';
import { MemberStateListDto, MemberStateQueryDto } from './dto/member-state.dto.js';
import { MemberStatesService } from './member-states.service.js';

@ApiTags('member-states')
@Controller('member-states')
export class MemberStatesController {
  constructor(private readonly memberStates: MemberStatesService) {}

  @Get()
  @Access('public')
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOkResponse({ type: MemberStateListDto })
  async list(@Query() query: MemberStateQueryDto): Promise<MemberStateListDto> {
    const items = await this.memberStates.list(query.locale);
    return { items, total: items.length };
  }
}
