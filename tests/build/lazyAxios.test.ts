/** The bundle's stand-in for axios (scripts/bundleShims/lazyAxios.ts): nothing loaded until used, then the real axios. */
describe('axios loaded at its first use', () => {
  it('is not loaded by importing the stand-in as TypeScript does, and is the real axios once used', () => {
    let loads = 0;
    const real = jest.requireActual<{ create: unknown; isAxiosError: unknown }>('axios');
    jest.isolateModules(() => {
      jest.doMock('axios', () => {
        loads++;
        return real;
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const standIn = require('../../scripts/bundleShims/lazyAxios') as { __esModule?: boolean; create: unknown; isAxiosError: unknown };
      // What `import axios from 'axios'` compiles to asks for __esModule at once: that must not load it.
      expect(standIn.__esModule).toBeUndefined();
      expect(loads).toBe(0);
      expect(standIn.create).toBe(real.create);
      expect(standIn.isAxiosError).toBe(real.isAxiosError);
      expect(loads).toBe(1);
    });
  });
});
