import { EnvReader } from './env-reader';

/**
 * One area of configuration: a name, an injection token, and a parser from the environment.
 * Feature libs define their own namespaces; the app validates them all together at boot.
 */
export interface ConfigNamespace<T> {
  readonly name: string;
  readonly KEY: string;
  parse(reader: EnvReader): T;
}

export type ConfigOf<N> = N extends ConfigNamespace<infer T> ? T : never;

export function defineConfig<T>(name: string, parse: (reader: EnvReader) => T): ConfigNamespace<T> {
  return { name, KEY: `CONFIG(${name})`, parse };
}
