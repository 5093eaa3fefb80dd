import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { ApiErrors, uuid } from '@app/common';
import { AddMemberDto, CreateAgencyDto, CreateUnitDto, ListAgenciesQuery, ListUnitsQuery, SetRolesDto } from './organisations.dto';
import {
  AgencyPageResponse,
  AgencyResponse,
  AgencyWithUnitsResponse,
  MembershipChangeResponse,
  PersonResponse,
  UnitDetailResponse,
  UnitMemberResponse,
  UnitPageResponse,
  UnitResponse,
  UserRolesResponse,
} from './organisations.responses';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller()
export class OrganisationsController {
  constructor(private readonly orgs: OrganisationsService) {}

  @Roles('admin')
  @Post('agencies')
  @ApiOperation({ summary: 'Create an agency (admin)' })
  @ApiCreatedResponse({ type: AgencyResponse })
  createAgency(@Body() dto: CreateAgencyDto) {
    return this.orgs.createAgency(dto);
  }

  @Get('agencies')
  @ApiOperation({ summary: 'Search agencies by name words, kind and region, alphabetical, paged' })
  @ApiOkResponse({ type: AgencyPageResponse })
  listAgencies(@Query() query: ListAgenciesQuery) {
    return this.orgs.listAgencies(query);
  }

  @Get('agencies/:id')
  @ApiOperation({ summary: 'An agency with its units' })
  @ApiOkResponse({ type: AgencyWithUnitsResponse })
  @ApiErrors('NOT_FOUND')
  getAgency(@Param('id', uuid) id: string) {
    return this.orgs.getAgency(id);
  }

  @Roles('admin')
  @Post('agencies/:id/units')
  @ApiOperation({ summary: 'Create a unit in an agency (admin)' })
  @ApiCreatedResponse({ type: UnitResponse })
  @ApiErrors('NOT_FOUND')
  createUnit(@Param('id', uuid) id: string, @Body() dto: CreateUnitDto) {
    return this.orgs.createUnit(id, dto);
  }

  @Get('units')
  @ApiOperation({ summary: "Search units by their or their agency's name words, optionally of one agency, paged" })
  @ApiOkResponse({ type: UnitPageResponse })
  listUnits(@Query() query: ListUnitsQuery) {
    return this.orgs.listUnits(query);
  }

  @Get('units/:id')
  @ApiOperation({ summary: 'A unit with its agency and member count' })
  @ApiOkResponse({ type: UnitDetailResponse })
  @ApiErrors('NOT_FOUND')
  getUnit(@Param('id', uuid) id: string) {
    return this.orgs.getUnit(id);
  }

  @Get('units/:id/members')
  @ApiOperation({
    summary: "A unit's members with their unit role: for its members, members of units it works with in a replication, curators and admins",
  })
  @ApiOkResponse({ type: [UnitMemberResponse] })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  listMembers(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.orgs.listMembers(user, id);
  }

  /** Platform admin or the unit's admin. Adding an existing member changes their role. */
  @Post('units/:id/members')
  @ApiOperation({ summary: "Add a member or change their role (admin or the unit's admin)" })
  @ApiCreatedResponse({ type: MembershipChangeResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'ALREADY_EXISTS')
  addMember(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: AddMemberDto) {
    return this.orgs.addMember(user, id, dto);
  }

  @Delete('units/:id/members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: "Remove a member (admin or the unit's admin); their open sockets are re-checked" })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  async removeMember(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('userId', uuid) userId: string): Promise<void> {
    await this.orgs.removeMember(user, id, userId);
  }

  /** Replaces a user's platform roles; `user` is always kept. */
  @Roles('admin')
  @Put('users/:id/roles')
  @ApiOperation({ summary: "Replace a user's platform roles (admin); `user` is always kept" })
  @ApiOkResponse({ type: UserRolesResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  setRoles(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SetRolesDto) {
    return this.orgs.setRoles(user, id, dto);
  }

  @Get('users/:id')
  @ApiOperation({ summary: 'A person by id: name only' })
  @ApiOkResponse({ type: PersonResponse })
  @ApiErrors('NOT_FOUND')
  getUser(@Param('id', uuid) id: string) {
    return this.orgs.getUser(id);
  }
}
