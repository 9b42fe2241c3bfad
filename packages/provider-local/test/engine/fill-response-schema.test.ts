import type { Message, ModelRequest } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generateResponse } from '../../src/engine/generate-response.js';
import { ARTICLE, SOURCED_CONTEXT, user } from '../__fixtures__/messages.js';

function json(messages: Message[], schema: z.ZodType): unknown {
  const request: ModelRequest = {
    messages,
    responseFormat: { type: 'json', schema: z.toJSONSchema(schema) as Record<string, unknown> },
  };
  const part = generateResponse(request).content[0];
  expect(part?.type).toBe('text');
  return JSON.parse(part?.type === 'text' ? part.text : '');
}

describe('structured output', () => {
  it('classifies into an enum field and fills the rest', () => {
    const Ticket = z.object({
      category: z.enum(['billing', 'outage', 'account']),
      summary: z.string().min(1),
      keywords: z.array(z.string()).min(1).max(3),
      confidence: z.number().min(0).max(1),
      urgent: z.boolean(),
    });
    const value = json(
      [user('Classify into: billing, outage, account\n\nI was charged twice for my subscription.')],
      Ticket,
    );
    expect(Ticket.parse(value)).toMatchObject({
      category: 'billing',
      summary: 'I was charged twice for my subscription.',
    });
  });

  it('picks an enum by the material even when the prompt lists no labels', () => {
    const Routed = z.object({ team: z.enum(['billing', 'outage', 'account']) });
    expect(Routed.parse(json([user('Our dashboard is down with 503 errors everywhere.')], Routed))).toEqual({
      team: 'outage',
    });
  });

  it('fills a summary and key points from the text', () => {
    const Summary = z.object({
      title: z.string(),
      summary: z.string().max(400),
      keyPoints: z.array(z.string()).min(2),
      wordCount: z.number().int().nonnegative(),
    });
    const value = Summary.parse(json([user(`Summarize in three sentences:\n\n${ARTICLE}`)], Summary));
    expect(value.summary).toMatch(/Baton/);
    expect(value.summary).not.toMatch(/pizza|coffee/);
    expect(value.keyPoints.every((point) => ARTICLE.includes(point))).toBe(true);
  });

  it('answers with sources and one object per cited sentence', () => {
    const Answer = z.object({
      answer: z.string(),
      sources: z.array(z.string()),
      evidence: z.array(z.object({ quote: z.string(), source: z.string() })).min(1),
    });
    const value = Answer.parse(
      json([user(`${SOURCED_CONTEXT}\n\nQuestion: How often do encryption keys rotate?`)], Answer),
    );
    expect(value.answer).toContain('Encryption keys rotate every 90 days.');
    expect(value.sources).toEqual(['doc-03']);
    expect(value.evidence[0]).toEqual({ quote: 'Encryption keys rotate every 90 days.', source: 'doc-03' });
  });

  it.each([
    ['nullable and optional fields', z.object({ note: z.string().nullable(), extra: z.number().optional() })],
    ['string formats', z.object({ contact: z.email(), site: z.url(), when: z.iso.datetime() })],
    ['bounded numbers', z.object({ rating: z.int().min(1).max(5), ratio: z.number().gt(0).lt(1) })],
    ['unique bounded arrays', z.object({ tags: z.array(z.string()).min(4).max(6) })],
    [
      'nested objects',
      z.object({
        meta: z.object({ language: z.string().length(2), sentiment: z.enum(['positive', 'negative']) }),
      }),
    ],
    [
      'literals and unions',
      z.object({ kind: z.literal('report'), value: z.union([z.number(), z.string()]) }),
    ],
    ['short strings', z.object({ code: z.string().min(3).max(5) })],
  ])('satisfies %s', (_name, schema) => {
    const value = json([user(`Summarize: ${ARTICLE}`)], schema);
    const parsed = schema.safeParse(value);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('returns a default object for JSON without a schema', () => {
    const request: ModelRequest = {
      messages: [user(`Summarize: ${ARTICLE}`)],
      responseFormat: { type: 'json' },
    };
    const part = generateResponse(request).content[0];
    const value = JSON.parse(part?.type === 'text' ? part.text : '{}');
    expect(value).toEqual({ summary: expect.stringContaining('Baton'), keywords: expect.any(Array) });
  });
});
