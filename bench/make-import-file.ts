/**
 * Writes an import file in the FTC Do-Not-Call layout, for timing `reports:import`:
 *   npx ts-node --transpile-only bench/make-import-file.ts /tmp/ftc-100k.csv 100000
 * Deterministic (a seeded generator): about one number per five complaints, valid US numbers (area codes that
 * exist, exchanges 200–999), complaints spread over the last two years, one row in a thousand malformed.
 */
import { createWriteStream } from 'node:fs';

const [path = '/tmp/ftc-import.csv', rowsArg = '100000'] = process.argv.slice(2);
const rows = Number(rowsArg);
const AREAS = [201, 202, 212, 213, 303, 305, 312, 404, 415, 503, 512, 602, 617, 702, 713, 801, 813, 919];
const SUBJECTS = [
  'Reducing your debt (credit cards, mortgage, student loans)',
  'Calls pretending to be government, businesses, or family and friends',
  'Dropped call or no message',
  'Energy, solar, & home improvements',
  'Computer & technical support',
  'Vacation & timeshares',
  'Warranties & protection plans',
  'Medical & prescriptions',
  'Other',
];
const STATES = ['California', 'Texas', 'Florida', 'New York', 'Ohio', 'Georgia'];

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];

const numbers = Math.max(1, Math.round(rows / 5));
const now = Date.now();
const out = createWriteStream(path);
out.write('Company_Phone_Number,Created_Date,Violation_Date,Consumer_City,Consumer_State,Consumer_Area_Code,Subject,Recorded_Message_Or_Robocall\n');

async function main(): Promise<void> {
  for (let i = 0; i < rows; i++) {
    const n = Math.floor(Math.pow(random(), 2) * numbers); // some numbers draw many complaints
    const phone = `${AREAS[n % AREAS.length]}${200 + (Math.floor(n / AREAS.length) % 800)}${String(1000 + (n % 9000)).padStart(4, '0')}`;
    const created = new Date(now - Math.floor(random() * 730 * 86400000)).toISOString().slice(0, 19).replace('T', ' ');
    const line =
      i % 1000 === 999
        ? `${phone},not a date,,City,Texas,512,"Other,Robocall\n` // malformed: refused by line number
        : `${phone},${created},${created},"City ${i % 97}",${pick(STATES)},${phone.slice(0, 3)},"${pick(SUBJECTS)}",${random() < 0.6 ? 'Robocall' : 'Live call'}\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
  process.stdout.write(`wrote ${rows} rows to ${path}\n`);
}

void main();
