import { createBrowserRouter } from 'react-router';
import { AppLayout } from './features/shell/AppLayout';
import { HomePage } from './features/shell/HomePage';
import { NotFoundPage } from './features/shell/NotFoundPage';
import { RequireUser } from './features/shell/RequireUser';

/**
 * The route table. Pages other than the home page load on demand, so a visitor downloads only
 * the code of the page they open.
 */
export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <AppLayout />,
      children: [
        { index: true, element: <HomePage /> },
        { path: 'login', lazy: async () => ({ Component: (await import('./features/auth/LoginPage')).LoginPage }) },
        { path: 'register', lazy: async () => ({ Component: (await import('./features/auth/RegisterPage')).RegisterPage }) },
        {
          element: <RequireUser anyStatus />,
          children: [{ path: 'pending', lazy: async () => ({ Component: (await import('./features/auth/PendingPage')).PendingPage }) }],
        },
        {
          element: <RequireUser roles={['focal_point', 'admin']} />,
          children: [{ path: 'vetting', lazy: async () => ({ Component: (await import('./features/vetting/VettingPage')).VettingPage }) }],
        },
        {
          element: <RequireUser roles={['admin']} />,
          children: [{ path: 'users', lazy: async () => ({ Component: (await import('./features/users/UsersPage')).UsersPage }) }],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
