import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * The layers of the code and what each may import, checked on the resolved path of every
 * relative import (VS Code's `code-import-patterns` idea): a pattern on the import text
 * alone would miss `../../../main/core/...` written from one folder deeper.
 * `allow`: the folders (repository-relative) a layer's relative imports may reach.
 * `packages`: npm packages it may not import. `nodeBuiltins: false`: no `node:*`/`fs`/….
 */
const ELECTRON_ONLY = ['electron', 'keytar', 'electron-store', 'electron-updater'];
/** SQLite is reached through main/core/storage only, so the schema and its pragmas live in one place. */
const STORAGE_ONLY = ['better-sqlite3'];

export const IMPORT_LAYERS = [
  {
    files: ['main/core/**'],
    allow: ['main/core', 'main/google-wire', 'shared'],
    packages: [...ELECTRON_ONLY, ...STORAGE_ONLY],
    nodeBuiltins: true,
  },
  // After main/core/**: for its files, this block's options win.
  {
    files: ['main/core/storage/**'],
    allow: ['main/core', 'main/google-wire', 'shared'],
    packages: ELECTRON_ONLY,
    nodeBuiltins: true,
  },
  {
    files: ['main/emulator/**'],
    allow: ['main/emulator', 'main/google-wire', 'shared'],
    packages: [...ELECTRON_ONLY, ...STORAGE_ONLY],
    nodeBuiltins: true,
  },
  {
    files: ['main/google-wire/**'],
    allow: ['main/google-wire', 'shared'],
    packages: ELECTRON_ONLY,
    nodeBuiltins: false,
  },
  {
    files: ['main/electron/**'],
    allow: ['main/electron', 'main/core', 'main/google-wire', 'shared'],
    packages: [],
    nodeBuiltins: true,
  },
  {
    files: ['renderer/**'],
    allow: ['renderer', 'shared'],
    packages: [...ELECTRON_ONLY, ...STORAGE_ONLY],
    nodeBuiltins: false,
  },
  {
    files: ['shared/**'],
    allow: ['shared'],
    packages: [...ELECTRON_ONLY, ...STORAGE_ONLY],
    nodeBuiltins: false,
  },
];

const NODE_BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps each layer to the folders and packages it may import (see IMPORT_LAYERS).' },
    schema: [
      {
        type: 'object',
        properties: {
          layer: { type: 'string' },
          allow: { type: 'array', items: { type: 'string' } },
          packages: { type: 'array', items: { type: 'string' } },
          nodeBuiltins: { type: 'boolean' },
        },
        required: ['allow'],
        additionalProperties: false,
      },
    ],
    messages: {
      folder: "{{layer}} may import only {{allowed}}: '{{specifier}}' resolves to {{resolved}}.",
      package: "{{layer}} may not import the package '{{specifier}}'.",
      builtin: "{{layer}} may not import the Node built-in '{{specifier}}'.",
    },
  },
  create(context) {
    const { layer = 'This layer', allow, packages = [], nodeBuiltins = true } = context.options[0];
    const file = path.relative(context.cwd, context.filename).split(path.sep).join('/');

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.')) {
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        if (!allow.some((folder) => resolved === folder || resolved.startsWith(`${folder}/`))) {
          context.report({
            node,
            messageId: 'folder',
            data: { layer, allowed: allow.map((folder) => `${folder}/**`).join(', '), specifier, resolved },
          });
        }
        return;
      }
      const name = packageName(specifier);
      if (!nodeBuiltins && (specifier.startsWith('node:') || NODE_BUILTINS.has(name))) {
        context.report({ node, messageId: 'builtin', data: { layer, specifier } });
      } else if (packages.includes(name)) {
        context.report({ node, messageId: 'package', data: { layer, specifier } });
      }
    }

    const fromSource = (node) => {
      if (node.source) check(node.source, node.source.value);
    };
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
      },
      TSImportType: (node) => {
        const literal = node.argument?.literal ?? node.argument;
        if (literal?.type === 'Literal') check(literal, literal.value);
      },
      TSExternalModuleReference: (node) => {
        if (node.expression.type === 'Literal') check(node.expression, node.expression.value);
      },
    };
  },
};

export const boundariesPlugin = { rules: { 'import-boundaries': rule } };

/** One config block per layer, for eslint.config.js. */
export const importBoundaryConfigs = IMPORT_LAYERS.map(({ files, ...options }) => ({
  files: files.map((glob) => `${glob}/*.{ts,tsx}`),
  plugins: { boundaries: boundariesPlugin },
  rules: { 'boundaries/import-boundaries': ['error', { layer: files.join(', '), ...options }] },
}));
