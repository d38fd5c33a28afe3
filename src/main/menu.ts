import { Menu, type MenuItemConstructorOptions } from 'electron';
import { safeOpenExternal } from './external-links';

/** The application menu with the usual roles and shortcuts. */
export function installMenu(): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'DuckDB SQL reference', click: () => void safeOpenExternal('https://duckdb.org/docs/sql/introduction') }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
