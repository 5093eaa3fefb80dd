import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, MaxLength, ValidateNested } from 'class-validator';
import { EMAIL_MODES } from './email-preferences';
import { NOTIFICATION_TYPES } from './notifications.service';

export class EmailSettingDto {
  @ApiProperty({ enum: NOTIFICATION_TYPES })
  @IsIn(NOTIFICATION_TYPES)
  type: string;

  @ApiProperty({ enum: EMAIL_MODES })
  @IsIn(EMAIL_MODES)
  mode: string;
}

export class EmailSettingViewDto extends EmailSettingDto {
  @ApiProperty({ enum: EMAIL_MODES, description: 'What applies when the user has not chosen' }) default: string;
}

export class EmailSettingsDto {
  @ApiProperty({ type: [EmailSettingViewDto] }) items: EmailSettingViewDto[];
}

export class UpdateEmailSettingsDto {
  @ApiProperty({ type: [EmailSettingDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EmailSettingDto)
  items: EmailSettingDto[];
}

export class UnsubscribeQuery {
  @ApiProperty({ description: 'The signed token from the mail' })
  @IsString()
  @MaxLength(1000)
  token: string;
}

export class UnsubscribedDto {
  @ApiProperty({ enum: NOTIFICATION_TYPES }) type: string;
  @ApiProperty({ enum: ['off'] }) mode: string;
}

export class FollowingDto {
  @ApiProperty() innovationId: string;
  @ApiProperty() following: boolean;
}

export class FollowedInnovationDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() followedAt: string;
}

export class FollowedInnovationsDto {
  @ApiProperty({ type: [FollowedInnovationDto] }) items: FollowedInnovationDto[];
}
