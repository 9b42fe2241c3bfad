import { describe, expect, it } from 'vitest';
import {
  aggregatePrompt,
  defaultCorpusDir,
  type Finding,
  loadCorpus,
  planPrompt,
  publisherTask,
  questionClause,
  readerTask,
} from '../../src/index.js';

const corpus = loadCorpus(defaultCorpusDir);
const question = 'Which measures worked, and what did they cost?';

describe('questionClause', () => {
  it.each([
    ['Which measures worked?', 'Which measures worked'],
    ['  Which measures worked ?? ', 'Which measures worked'],
    ['Summarize the budget', 'Summarize the budget'],
  ])('%j → %j', (input, expected) => {
    expect(questionClause(input)).toBe(expected);
  });
});

describe('readerTask', () => {
  it('names the group in quotes, its title and the question, then the key topics', () => {
    const group = corpus.group('check-in-calls')!;
    expect(readerTask(group, question, 'measures; cost')).toBe(
      'Read the document group "check-in-calls" (Check-In Calls for older residents) and summarize in three sentences what it says about this research question: Which measures worked, and what did they cost.\n\nKey topics: measures; cost',
    );
    expect(readerTask(group, question)).not.toContain('Key topics');
  });
});

describe('planPrompt', () => {
  it('asks for the key topics of the question', () => {
    expect(planPrompt(question)).toBe(
      'Summarize the key topics of this research question in one sentence, for readers who will search documents:\n\n"Which measures worked, and what did they cost."',
    );
  });
});

describe('aggregatePrompt', () => {
  const finding = (summary: string): Finding => ({ group: 'g', title: 'G', summary, citations: [] });

  it('regroups the findings under the document each passage cites and leaves out uncited text', () => {
    const prompt = aggregatePrompt(question, [
      finding('Calls averted 96 visits. [d20-calls] Cost $64,000. [d04-spend] An uncited remark.'),
      finding('Centres averted 140 visits. [d25-evaluation]'),
    ]);
    const [instruction, ...evidence] = prompt.split('\n\n');
    expect(instruction).toBe(
      'Summarize the findings below in six sentences as the answer to this research question, keeping the [doc-id] after every fact: Which measures worked, and what did they cost.',
    );
    expect(evidence).toEqual([
      '[d20-calls]\nCalls averted 96 visits.',
      '[d04-spend]\nCost $64,000.',
      '[d25-evaluation]\nCentres averted 140 visits.',
    ]);
  });

  it('says so when the readers found nothing citable', () => {
    expect(aggregatePrompt(question, [finding('Nothing relevant.')])).toMatch(
      /\n\n\(The readers found nothing relevant\.\)$/,
    );
  });
});

describe('publisherTask', () => {
  it('asks to email the answer to the recipient', () => {
    expect(publisherTask('The answer. [d01-x]', 'board@example.org')).toBe(
      'Email the research summary below to board@example.org with the subject "Cool Streets 2025 research summary".\n\nThe answer. [d01-x]',
    );
  });
});
