import type { ExportFormat } from '../schemas';
import { alpaca } from './alpaca';
import { openaiChat } from './openai-chat';
import { openaiDpo } from './openai-dpo';
import { raw } from './raw';
import { sharegpt } from './sharegpt';
import { trlDpo } from './trl-dpo';
import { trlSft } from './trl-sft';
import type { Format } from './types';

export const FORMATS: Record<ExportFormat, Format> = {
  'openai-chat': openaiChat,
  'trl-sft': trlSft,
  'trl-dpo': trlDpo,
  'openai-dpo': openaiDpo,
  sharegpt,
  alpaca,
  raw,
};

export const supportsParquet = (format: ExportFormat) => FORMATS[format].parquet !== null;

export type { Format, Row, RowResult, ParquetColumn } from './types';
