import { containsPattern, searchKey, sortKey } from '../../server/db/text-keys';

function danishSort(names: string[]): string[] {
  return [...names].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

describe('sortKey', () => {
  it('puts æ, ø and å after z, in that order', () => {
    expect(danishSort(['Åse', 'Øster', 'Zenia', 'Ærø', 'Anders', 'Ole'])).toEqual(['Anders', 'Ole', 'Zenia', 'Ærø', 'Øster', 'Åse']);
  });

  it('treats aa as å', () => {
    expect(danishSort(['Aagaard', 'Zacho', 'Abel', 'Åberg', 'Øberg'])).toEqual(['Abel', 'Zacho', 'Øberg', 'Åberg', 'Aagaard']);
    expect(sortKey('Aarhus')).toBe(sortKey('Århus'));
  });

  it('ignores case, and sorts ä and ö with æ and ø', () => {
    expect(sortKey('ÆRØ')).toBe(sortKey('ærø'));
    expect(sortKey('Bäk')).toBe(sortKey('Bæk'));
    expect(sortKey('Bök')).toBe(sortKey('Bøk'));
    expect(danishSort(['b', 'B', 'a'])).toEqual(['a', 'b', 'B']);
  });

  it('compares within the same letter as usual', () => {
    expect(danishSort(['Møller', 'Mølle', 'Madsen'])).toEqual(['Madsen', 'Mølle', 'Møller']);
  });
});

describe('searchKey', () => {
  it('joins the parts in lower case, skipping empty ones, with æ, ø and å lowered too', () => {
    expect(searchKey('Ærø Øster', null, 'ÅSE@Uldum.DK', undefined, '')).toBe('ærø øster åse@uldum.dk');
  });

  it('normalises decomposed letters, so å typed as a + ring is found', () => {
    expect(searchKey('A\u030Ase')).toBe('åse');
  });
});

describe('containsPattern', () => {
  it('matches anywhere, lower-cased, with LIKE wildcards escaped', () => {
    expect(containsPattern('ÆRØ')).toBe('%ærø%');
    expect(containsPattern('50%_\\')).toBe('%50\\%\\_\\\\%');
  });
});
