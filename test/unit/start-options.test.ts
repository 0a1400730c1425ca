import { instancesOf, MAX_INSTANCES, parseStartOptions, StartOptionsError } from '../../workers/start-options';

describe('npm start process counts (workers/start-options.ts)', () => {
  it('when nothing is given, then one worker and one consumer process run', () => {
    expect(parseStartOptions([], {})).toEqual({ worker: 1, consumers: 1 });
  });

  it('when flags are given in either form, then they are read', () => {
    expect(parseStartOptions(['--workers', '2', '--consumers=3'], {})).toEqual({ worker: 2, consumers: 3 });
  });

  it('when variables are given, then they are read, and a flag wins over its variable', () => {
    const env = { START_WORKERS: '2', START_CONSUMERS: '4' };
    expect(parseStartOptions([], env)).toEqual({ worker: 2, consumers: 4 });
    expect(parseStartOptions(['--consumers', '1'], env)).toEqual({ worker: 2, consumers: 1 });
    expect(parseStartOptions([], { START_WORKERS: '' })).toEqual({ worker: 1, consumers: 1 });
  });

  it.each([
    [['--workers', 'two'], {}, '--workers: expected a whole number from 1 to 4 (got "two")'],
    [['--workers', '0'], {}, '--workers: expected a whole number from 1 to 4 (got "0")'],
    [['--consumers', '1.5'], {}, '--consumers: expected a whole number from 1 to 4 (got "1.5")'],
    [['--consumers', '-1'], {}, "Option '--consumers' argument is ambiguous"],
    [['--consumers=-1'], {}, '--consumers: expected a whole number from 1 to 4 (got "-1")'],
    [[], { START_WORKERS: '5' }, 'START_WORKERS: expected a whole number from 1 to 4 (got "5")'],
    [[], { START_CONSUMERS: '2x' }, 'START_CONSUMERS: expected a whole number from 1 to 4 (got "2x")'],
    [['--worker', '2'], {}, "Unknown option '--worker'"],
    [['2'], {}, 'Unexpected argument'],
  ])('when the arguments are %j and the environment %j, then the error names the option', (argv, env, message) => {
    let thrown: unknown;
    try {
      parseStartOptions(argv, env);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(StartOptionsError);
    expect((thrown as Error).message).toContain(message);
  });

  it('when a process runs in several copies, then each copy is named; a single copy keeps its name', () => {
    const spec = { name: 'consumers', script: 'workers/kafka-consumers.ts' };
    expect(instancesOf(spec, 1)).toEqual([spec]);
    expect(instancesOf(spec, 3).map((s) => s.name)).toEqual(['consumers#1', 'consumers#2', 'consumers#3']);
    expect(instancesOf(spec, MAX_INSTANCES).every((s) => s.script === spec.script)).toBe(true);
  });
});
