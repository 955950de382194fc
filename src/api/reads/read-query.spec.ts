import { ProblemException } from '../problem-details/problem.js';
import { ReadQueryDto } from './read-query.dto.js';
import { ReadQueryPipe } from './read-query.js';

describe('ReadQueryPipe', () => {
  const pipe = new ReadQueryPipe();

  it('takes an empty query string as it stands', async () => {
    expect(await pipe.transform({})).toBeInstanceOf(ReadQueryDto);
    expect(await pipe.transform(Object.create(null) as object)).toBeInstanceOf(ReadQueryDto);
  });

  it('validates and converts any other query string like the global validation pipe', async () => {
    const query = await pipe.transform({ asOf: '2020-01-01', minPosition: '7' });
    expect(query).toMatchObject({ asOf: '2020-01-01', minPosition: 7 });
    const fields = async (raw: object) => {
      const error: unknown = await pipe.transform(raw).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProblemException);
      return (error as ProblemException).problem.errors?.map((e) => e.field);
    };
    expect(await fields({ asOf: '2023-02-30' })).toEqual(['asOf']);
    expect(await fields({ asOf: '' })).toEqual(['asOf']);
    expect(await fields({ unknown: '1' })).toEqual(['unknown']);
  });
});
