// What a kind's printer is: its columns (as the server's Table lists them) and its row. Apart from
// table.ts, so the printers and the table that dispatches to them do not import each other.
import type { KubeObject } from '../types.js';

export interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface Printer {
  columns: Column[];
  row(obj: KubeObject, now: number): unknown[];
}

export function col(name: string, priority: number, description: string, format = '', type = 'string'): Column {
  return { name, type, format, description, priority };
}
