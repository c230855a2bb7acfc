// After each test: no write broke the audit rule, even one whose error the app turned into a page.
import { violations } from './audit-rule';

afterEach(() => {
  const found = violations.splice(0);
  if (found.length) throw new Error(`The audit rule was broken:\n${found.join('\n')}`);
});
