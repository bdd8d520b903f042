import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppInfo, PlatformPackager, type Configuration, type LinuxPackager } from 'app-builder-lib';
import { LinuxTargetHelper } from 'app-builder-lib/out/targets/LinuxTargetHelper';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { minimatch } from 'minimatch';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID, OPEN_LINK_SCHEME } from '../../main/electron/app-identity';

/**
 * The Electron binary cannot be downloaded where the tests run, so `npm run dist` cannot
 * either: electron-builder.yml is checked here instead, read and validated by
 * electron-builder's own loader and schema, and where the packaging goes through
 * electron-builder code that needs no binary (the fuse wire, the Linux desktop entry,
 * the installer's app id), through that code.
 */
const root = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown> & {
  productName: string;
  description: string;
  desktopName: string;
  dependencies: Record<string, string>;
};
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, null, null);
});

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema (a misspelt key fails here, not at release time)', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('sets every Electron fuse, the hardened way', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('has electron-builder write exactly that fuse wire into an Electron binary', async () => {
    // A stand-in binary: Electron's fuse sentinel, wire version 1, 8 fuses, each set to the
    // opposite of what the config asks, so every fuse must be flipped for the test to pass.
    const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
    const wanted = '01001100'; // RunAsNode … GrantFileProtocolExtraPrivileges, '1' = on
    const opposite = [...wanted].map((bit) => (bit === '1' ? '0' : '1')).join('');
    const dir = mkdtempSync(join(tmpdir(), 'pd-fuses-'));
    try {
      const binary = join(dir, 'partner-desk');
      const before = Buffer.concat([
        Buffer.from('\x7fELF…'),
        Buffer.from(SENTINEL),
        Buffer.from([1, 8]),
        Buffer.from(opposite),
      ]);
      writeFileSync(binary, before);
      const packager = Object.create(PlatformPackager.prototype, {
        config: { value: { ...config, electronFuses: { ...config.electronFuses, resetAdHocDarwinSignature: false } } },
        appInfo: { value: { productFilename: 'partner-desk' } },
      }) as { doAddElectronFuses(context: { appOutDir: string; electronPlatformName: string }): Promise<void> };
      await packager.doAddElectronFuses({ appOutDir: dir, electronPlatformName: 'linux' });
      const after = readFileSync(binary);
      const wire = after.subarray(before.length - 8).toString('latin1');
      expect(wire).toBe(wanted);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives Windows the AppUserModelID main sets, on the installer’s shortcuts too', () => {
    expect(config.appId).toBe(APP_USER_MODEL_ID);
    // electron-builder's appInfo.id: a platform's own appId would win over the top-level one.
    for (const platform of ['win', 'nsis', 'mac', 'linux'] as const) {
      const options = config[platform] as { appId?: string } | null | undefined;
      const id = Object.getOwnPropertyDescriptor(AppInfo.prototype, 'id')!.get!.call({
        platformSpecificOptions: options,
        info: { config, metadata: pkg },
      }) as string;
      expect(id, platform).toBe(APP_USER_MODEL_ID);
    }
    // The NSIS template stamps APP_ID (appInfo.id) on the start menu and desktop shortcuts.
    const installer = readFileSync(
      join(root, 'node_modules/app-builder-lib/templates/nsis/include/installer.nsh'),
      'utf8',
    );
    expect(installer).toContain('WinShell::SetLnkAUMI "$newStartMenuLink" "${APP_ID}"');
    expect(installer).toContain('WinShell::SetLnkAUMI "$newDesktopLink" "${APP_ID}"');
    expect(config.productName).toBe(pkg.productName);
  });

  it('writes a Linux desktop file the launcher badge, the notifications and the case links find', async () => {
    const linux = config.linux!;
    const packager = {
      appInfo: {
        productName: config.productName,
        sanitizedProductName: config.productName,
        description: pkg.description,
      },
      executableName: linux.executableName,
      info: { metadata: pkg },
      config,
      platformSpecificBuildOptions: linux,
      fileAssociations: [],
    } as unknown as LinuxPackager;
    const helper = new LinuxTargetHelper(packager);
    const entry = Object.fromEntries(
      (await helper.computeDesktopEntry(linux))
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    // Electron names the app to the Unity launcher API (app.setBadgeCount) and as the window's
    // class by package.json's desktopName: the installed file must carry that name.
    expect(`${helper.getDesktopFileName()}.desktop`).toBe(pkg.desktopName);
    expect(entry.StartupWMClass).toBe(pkg.desktopName.replace(/\.desktop$/, ''));
    expect(entry['X-GNOME-UsesNotifications']).toBe('true');
    expect(entry.MimeType?.split(';')).toContain(`x-scheme-handler/${OPEN_LINK_SCHEME}`);
    expect(entry.Name).toBe('Partner Desk');
    expect(entry.Exec).toMatch(/ %U$/);
  });

  it('has icons for the three systems, in their formats and sizes', () => {
    expect(config.linux?.icon).toBe('build/icon.png');
    expect(config.win?.icon).toBe('build/icon.ico');
    expect(config.mac?.icon).toBe('build/icon.icns');

    expect(pngSize(readFileSync(join(root, 'build/icon.png')))).toBe(1024);

    // ICO: a directory of images; each here is a PNG whose size matches its entry (0 = 256).
    const ico = readFileSync(join(root, 'build/icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const entry = 6 + 16 * i;
      const size = ico[entry] || 256;
      const [length, offset] = [ico.readUInt32LE(entry + 8), ico.readUInt32LE(entry + 12)];
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      expect(pngSize(ico.subarray(offset, offset + length)), `ICO ${size}`).toBe(size);
      return size;
    });
    // Windows picks from 16 (title bar, small icons) to 256 (large tiles, the installer).
    expect(icoSizes).toEqual(expect.arrayContaining([16, 24, 32, 48, 256]));

    // ICNS: 'icns', the file length, then (type, element length, PNG) elements.
    const icns = readFileSync(join(root, 'build/icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const ICNS_PIXELS: Record<string, number> = {
      icp4: 16,
      icp5: 32,
      icp6: 64,
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
    };
    const icnsTypes: string[] = [];
    for (let at = 8; at < icns.length;) {
      const type = icns.subarray(at, at + 4).toString('latin1');
      const length = icns.readUInt32BE(at + 4);
      expect(ICNS_PIXELS[type], type).toBeDefined();
      expect(pngSize(icns.subarray(at + 8, at + length)), `icns ${type}`).toBe(ICNS_PIXELS[type]);
      icnsTypes.push(type);
      at += length;
    }
    // The Dock and Finder at every size, Retina included (512@2x is the 1024 px image).
    expect(icnsTypes).toEqual(expect.arrayContaining(['icp4', 'ic07', 'ic08', 'ic09', 'ic10', 'ic11', 'ic13', 'ic14']));
  });

  it('asks macOS’ hardened runtime for V8’s JIT only', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.mac?.entitlementsInherit).toBe('build/entitlements.mac.plist');
    const plist = readFileSync(join(root, 'build/entitlements.mac.plist'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    const entitlements = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map((m) => [m[1], m[2]]);
    expect(entitlements).toEqual([['com.apple.security.cs.allow-jit', 'true']]);
    expect(plist.match(/<key>/g)).toHaveLength(1);
  });

  it('keeps updates off: no feed, so electron-builder writes no app-update.yml', () => {
    expect(config.publish).toBeNull();
    for (const platform of ['win', 'nsis', 'mac', 'dmg', 'linux', 'appImage', 'deb'] as const) {
      expect((config[platform] as { publish?: unknown } | null | undefined)?.publish, platform).toBeUndefined();
    }
    // electron-updater's macOS updates need the zip.
    expect(config.mac?.target).toEqual(expect.arrayContaining(['dmg', 'zip']));
    expect(pkg.dependencies['electron-updater']).toBeDefined();
  });

  it('turns updates on the README’s way: a feed named when building', async () => {
    const feed = { provider: 'generic' as const, url: 'https://updates.example.com/partner-desk' };
    // What `npm run dist -- -c.publish.provider=generic -c.publish.url=…` hands electron-builder.
    const withFeed = await getConfig(root, null, { publish: { ...feed } });
    expect(withFeed.publish).toEqual(feed);
    await expect(validateConfiguration(withFeed, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('packs into app.asar the bundles, never source, source maps, tests or test data', () => {
    expect(config.asar).toBe(true);
    // electron-builder's loader merges the list into one file set of patterns, from the project root.
    const sets = config.files as Array<{ from?: string; to?: string; filter?: string[] }>;
    expect(sets).toEqual([{ filter: expect.any(Array) }]);
    const files = sets[0]!.filter!;
    // electron-builder's reading of `files`: in order, a later pattern overrides an earlier one.
    const ships = (path: string) =>
      files.reduce(
        (included, pattern) =>
          pattern.startsWith('!')
            ? included && !minimatch(path, pattern.slice(1), { dot: true })
            : included || minimatch(path, pattern, { dot: true }),
        false,
      );
    for (const path of [
      'package.json',
      'out/main/index.cjs',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/main.js',
      'out/icon.png',
    ]) {
      expect(ships(path), path).toBe(true);
    }
    for (const path of [
      'out/main/index.cjs.map',
      'out/renderer/main.js.map',
      'node_modules/electron-updater/out/main.js.map',
      'out/main/native-modules.json',
      'out/emulator/cli.cjs',
      'main/index.ts',
      'renderer/main.tsx',
      'test/core/account-manager.test.ts',
      'test-output/electron-entry-1/main/index.cjs',
      'build/icon.png',
      'docs/architecture.md',
    ]) {
      expect(ships(path), path).toBe(false);
    }
    // The native modules run outside the archive, where the OS can load them.
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/keytar/**/*.node']));
    expect(existsSync(join(root, 'build/entitlements.mac.plist'))).toBe(true);
  });
});

/** The width of a PNG (checked square), after checking its signature. */
function pngSize(png: Buffer): number {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  expect(height).toBe(width);
  return width;
}
