/**
 * Evaluates an arithmetic expression (`17 * 23`, `(2 + 3) / 4`, `2^10`, `-3.5 × 2`) with a
 * small recursive-descent parser — never `eval`. Supports + − * / % ^ ** × ÷ and
 * parentheses with the usual precedence (^ is right-associative). Returns undefined for
 * anything else, or a non-finite result (division by zero).
 */
export function evaluateArithmetic(expression: string): number | undefined {
  const tokens = tokenize(expression);
  if (!tokens) return undefined;
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];

  function primary(): number {
    const token = next();
    if (token === undefined) throw new SyntaxError('unexpected end');
    if (token === '(') {
      const value = sum();
      if (next() !== ')') throw new SyntaxError('missing )');
      return value;
    }
    if (token === '-') return -power();
    if (token === '+') return power();
    const value = Number(token);
    if (Number.isNaN(value)) throw new SyntaxError(`unexpected ${token}`);
    return value;
  }
  function power(): number {
    const base = primary();
    if (peek() === '^') {
      next();
      return base ** unary();
    }
    return base;
  }
  function unary(): number {
    if (peek() === '-') {
      next();
      return -unary();
    }
    return power();
  }
  function product(): number {
    let value = unary();
    for (let op = peek(); op === '*' || op === '/' || op === '%'; op = peek()) {
      next();
      const right = unary();
      value = op === '*' ? value * right : op === '/' ? value / right : value % right;
    }
    return value;
  }
  function sum(): number {
    let value = product();
    for (let op = peek(); op === '+' || op === '-'; op = peek()) {
      next();
      const right = product();
      value = op === '+' ? value + right : value - right;
    }
    return value;
  }

  try {
    const value = sum();
    if (position !== tokens.length || !Number.isFinite(value)) return undefined;
    return Number(value.toPrecision(12));
  } catch {
    return undefined;
  }
}

function tokenize(expression: string): string[] | undefined {
  const normalized = expression
    .replace(/\*\*/g, '^')
    .replace(/[×x]/g, '*')
    .replace(/÷/g, '/')
    .replace(/−/g, '-');
  const tokens = normalized.match(/\d+(?:\.\d+)?|[-+*/%^()]|\S/g) ?? [];
  if (tokens.length === 0 || tokens.some((token) => !/^(?:\d+(?:\.\d+)?|[-+*/%^()])$/.test(token)))
    return undefined;
  return tokens;
}
