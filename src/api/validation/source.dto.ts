import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsCalendarDate } from './ledger-validators.js';

/** Where a fact comes from. Every business fact carries one; it needs a url or a title. */
export class SourceDto {
  @ApiPropertyOptional({ example: 'https://www.alibabagroup.com/en/ir/...' })
  @ValidateIf((o: SourceDto) => o.url !== undefined || o.title === undefined)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be an http(s) URL (a source needs a url or a title)' },
  )
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ example: 'Alibaba Group FY2020 results' })
  @ValidateIf((o: SourceDto) => o.title !== undefined || o.url === undefined)
  @IsString({ message: 'must be a string (a source needs a url or a title)' })
  @IsNotEmpty()
  @MaxLength(2000)
  title?: string;

  @ApiPropertyOptional({ example: 'Reuters' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  publisher?: string;

  @ApiPropertyOptional({ example: '2020-05-22' })
  @IsOptional()
  @IsCalendarDate()
  publishedAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  quote?: string;

  @ApiPropertyOptional({ example: 'de' })
  @IsOptional()
  @Matches(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { message: 'must be a language tag such as de or en-US' })
  language?: string;
}
