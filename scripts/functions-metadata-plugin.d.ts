import type { Compiler } from 'webpack';

export interface ParameterMetadata {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
export interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: ParameterMetadata[];
  result: { dimensionality?: string; type?: string };
  options?: { volatile?: boolean; [option: string]: unknown };
}
export interface Metadata {
  functions: FunctionMetadata[];
  allowErrorForDataTypeAny?: boolean;
  [key: string]: unknown;
}
export interface FunctionTranslation {
  description: string;
  parameters: Record<string, string>;
}
export type TranslationTable = Record<string, FunctionTranslation>;

export function localizeMetadata(metadata: Metadata, table: TranslationTable): Metadata;

export class FunctionsMetadataPlugin {
  constructor(options: { metadata: string; translations: Record<string, string> });
  apply(compiler: Compiler): void;
}
