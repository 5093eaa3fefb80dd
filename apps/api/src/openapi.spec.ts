import { Body, Controller, Post, type INestApplication } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { schemaNameCollisions } from './openapi';

// Two different classes with one name, as two modules' `TransitionDto`s were: swagger keeps one.
function replicationDto() {
  class TransitionDto {
    @ApiProperty() to: string;
  }
  return TransitionDto;
}
function mentorshipDto() {
  class TransitionDto {
    @ApiProperty() state: string;
  }
  return TransitionDto;
}
const ReplicationTransition = replicationDto();
const MentorshipTransition = mentorshipDto();

class Nested {
  @ApiProperty() id: string;
}
function nestedTwin() {
  class Nested {
    @ApiProperty() other: number;
  }
  return Nested;
}
const NestedTwin = nestedTwin();
class Wrapper {
  @ApiProperty({ type: NestedTwin }) inner: unknown;
}

@Controller('a')
class AController {
  @Post()
  @ApiOkResponse({ type: Nested })
  move(@Body() dto: InstanceType<typeof ReplicationTransition>) {
    return dto;
  }
}
@Controller('b')
class BController {
  @Post()
  @ApiOkResponse({ type: Wrapper })
  move(@Body() dto: InstanceType<typeof MentorshipTransition>) {
    return dto;
  }
}
// Decorator metadata records the parameter's class; set it as TypeScript would for a named class.
Reflect.defineMetadata('design:paramtypes', [ReplicationTransition], AController.prototype, 'move');
Reflect.defineMetadata('design:paramtypes', [MentorshipTransition], BController.prototype, 'move');

describe('schemaNameCollisions', () => {
  it('names DTO classes that share a name, in parameters, responses and nested properties', async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [AController, BController] }).compile();
    expect(schemaNameCollisions(moduleRef as unknown as INestApplication).sort()).toEqual(['Nested', 'TransitionDto']);
  });

  it('is empty when every name is unique', async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [AController] }).compile();
    expect(schemaNameCollisions(moduleRef as unknown as INestApplication)).toEqual([]);
  });
});
