import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * The lines of a file, streamed: the stream's own async iteration pauses the file while the consumer works (a
 * database write), so memory stays bounded by one chunk plus one line, whatever the file's size. `onBytes` is
 * told how many bytes each chunk had (the progress bar). Lines are numbered from 1; a final "\r" is dropped.
 */
export async function* readLines(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<{ line: number; text: string }> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    onBytes?.((chunk as Buffer).length);
    rest += decoder.write(chunk as Buffer);
    let start = 0;
    for (let end = rest.indexOf('\n'); end !== -1; end = rest.indexOf('\n', start)) {
      line++;
      yield { line, text: stripCr(rest.slice(start, end)) };
      start = end + 1;
    }
    rest = rest.slice(start);
  }
  rest += decoder.end();
  if (rest.length > 0) yield { line: line + 1, text: stripCr(rest) };
}

function stripCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
