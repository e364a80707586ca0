import { readChineseNumber, readChineseShare, readEnglishNumber } from '../../src/core/smart/numbers';

describe('the number reader', () => {
  it('reads Chinese numerals', () => {
    const words = [
      '六',
      '十',
      '十二',
      '二十四',
      '一百八十',
      '三千五百',
      '兩萬',
      '三十萬',
      '零',
      '半',
      '90',
      '4.5',
    ];
    expect(words.map(readChineseNumber)).toEqual([6, 10, 12, 24, 180, 3500, 20000, 300000, 0, 0.5, 90, 4.5]);
  });

  it('turns down what is not a numeral', () => {
    expect(['個', '', '十a', '成'].map(readChineseNumber)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads Chinese shares as fractions', () => {
    expect(['七成', '八成半', '五成', '百分之二十', '百分之九十', '十成'].map(readChineseShare)).toEqual([
      0.7, 0.85, 0.5, 0.2, 0.9, 1,
    ]);
    expect(['十一成', '成', '百分之', '七折'].map(readChineseShare)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads English number words', () => {
    const words = [
      'ten',
      'twelve',
      'twenty-five',
      'twenty five',
      'a hundred',
      'two hundred',
      'forty',
      'three thousand',
    ];
    expect(words.map(readEnglishNumber)).toEqual([10, 12, 25, 25, 100, 200, 40, 3000]);
    expect(['tenth', 'dozens', ''].map(readEnglishNumber)).toEqual([undefined, undefined, undefined]);
  });
});
