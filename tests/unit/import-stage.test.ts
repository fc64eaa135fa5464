import { describe, expect, it } from 'vitest';
import { okLine } from '../../server/services/import/records.ts';
import { stageColumns } from '../../server/domain/stage-columns.ts';
import { commonCells, copyLine, type CopyCell } from '../../server/services/import/stage.ts';

describe('okLine', () => {
  const cells: CopyCell[] = [
    '行初',
    '一审',
    null,
    '2024-03-05',
    null,
    '示例县公安局、县自规局\t"甲"\\乙',
    [3, 7],
    ['示例县公安局', '县"自规"局'],
    true,
    false,
    0,
  ];

  it('is the COPY line of the common columns and the cells, as copyLine writes it', () => {
    for (const sourceImport of [null, 42]) {
      for (const key of ['(2024)示0521行初1号', 'tab\there\nnewline\\']) {
        expect(okLine(7, key, cells, sourceImport)).toEqual(
          copyLine([...commonCells({ rowNumber: 7, status: 'ok', key, sourceImport }), ...cells]),
        );
      }
    }
  });

  it('fills every staging column of a litigation row', () => {
    const line = okLine(1, 'k', new Array<CopyCell>(stageColumns('litigation').length - 10).fill(null));
    expect(line.split('\t')).toHaveLength(stageColumns('litigation').length);
  });
});
