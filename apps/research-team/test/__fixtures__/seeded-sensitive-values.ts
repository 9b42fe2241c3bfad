/**
 * The personal data and secrets planted in the demo corpus. None of them may reach a
 * model. `forms` are the spellings to look for in outbound requests (as written, and
 * compacted where a model or serializer could reformat them).
 */
export interface SeededValue {
  dataClass: string;
  /** Exactly as written in the corpus. */
  value: string;
  /** Where it is planted. */
  file: string;
  forms: string[];
}

const digits = (value: string) => value.replace(/\D/g, '');

function seeded(dataClass: string, value: string, file: string, ...extra: string[]): SeededValue {
  return { dataClass, value, file, forms: [value, ...extra] };
}

export const seededSensitiveValues: SeededValue[] = [
  seeded('email', 'miriam.okafor@portaverill.gov', 'd02-council-approval-minutes.md'),
  seeded('email', 'jo.whitcombe at portaverill dot gov', 'd02-council-approval-minutes.md'),
  seeded('email', 'tomas.reyes@portaverill.gov', 'd20-check-in-calls-programme-report.md'),
  seeded('email', 'daniel.haskell@portaverill.gov', 'd32-programme-staff-contact-sheet.md'),
  seeded('email', 'priya.raman@portaverill.gov', 'd32-programme-staff-contact-sheet.md'),
  seeded('email', 'jo.whitcombe@portaverill.gov', 'd32-programme-staff-contact-sheet.md'),
  seeded('email', 'billing@thermia-sensors.nl', 'd15-sensor-invoice-memo.md'),
  seeded('phone', '(410) 555-0147', 'd02-council-approval-minutes.md', digits('(410) 555-0147')),
  seeded('phone', '410-555-0182', 'd20-check-in-calls-programme-report.md', digits('410-555-0182')),
  seeded('phone', '+1 410 555 0193', 'd21-check-in-calls-case-note.md', digits('+1 410 555 0193')),
  seeded('phone', '+14105550166', 'd32-programme-staff-contact-sheet.md'),
  seeded('phone', '+31 20 794 6183', 'd15-sensor-invoice-memo.md', digits('+31 20 794 6183')),
  seeded('address', '27 Gullhaven Terrace', 'd21-check-in-calls-case-note.md'),
  seeded('date-of-birth', '14 March 1938', 'd21-check-in-calls-case-note.md'),
  seeded('iban', 'NL09 INGB 0006 8129 44', 'd15-sensor-invoice-memo.md', 'NL09INGB0006812944'),
  seeded('aws-access-key-id', 'AKIAKSE5WBEQJCW4QSQM', 'd11-heatline-integration-config.md'),
  seeded('aws-secret-access-key', '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', 'd11-heatline-integration-config.md'),
  seeded('openai-api-key', 'sk-proj-Ui0H3BXeBrvHfIEpjc49cYE02L5kHPiBRKBYAAKdakv9wJtO', 'd11-heatline-integration-config.md'),
];

/** The seeded values (in any of their forms) that occur in `text`. */
export function findSeededValues(text: string): SeededValue[] {
  return seededSensitiveValues.filter((seed) => seed.forms.some((form) => text.includes(form)));
}
