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
        { path: 'courses', lazy: async () => ({ Component: (await import('./features/courses/CatalogPage')).CatalogPage }) },
        { path: 'courses/:idOrSlug', lazy: async () => ({ Component: (await import('./features/courses/CoursePage')).CoursePage }) },
        {
          element: <RequireUser />,
          children: [
            {
              path: 'courses/:idOrSlug/lessons/:lessonId',
              lazy: async () => ({ Component: (await import('./features/courses/LessonPage')).LessonPage }),
            },
          ],
        },
        { path: 'verify/:code', lazy: async () => ({ Component: (await import('./features/certificates/VerifyPage')).VerifyPage }) },
        {
          element: <RequireUser roles={['learner']} />,
          children: [
            { path: 'learning', lazy: async () => ({ Component: (await import('./features/courses/MyLearningPage')).MyLearningPage }) },
            {
              path: 'certificates',
              lazy: async () => ({ Component: (await import('./features/certificates/MyCertificatesPage')).MyCertificatesPage }),
            },
          ],
        },
        {
          element: <RequireUser roles={['trainer', 'admin']} />,
          children: [
            { path: 'teach', lazy: async () => ({ Component: (await import('./features/teach/MyCoursesPage')).MyCoursesPage }) },
            {
              path: 'teach/:courseId',
              lazy: async () => ({ Component: (await import('./features/teach/CourseEditorPage')).CourseEditorPage }),
            },
            {
              path: 'teach/:courseId/learners',
              lazy: async () => ({ Component: (await import('./features/teach/LearnersPage')).LearnersPage }),
            },
          ],
        },
        {
          element: <RequireUser anyStatus />,
          children: [{ path: 'pending', lazy: async () => ({ Component: (await import('./features/auth/PendingPage')).PendingPage }) }],
        },
        {
          element: <RequireUser roles={['focal_point', 'admin']} />,
          children: [
            { path: 'vetting', lazy: async () => ({ Component: (await import('./features/vetting/VettingPage')).VettingPage }) },
            { path: 'reports', lazy: async () => ({ Component: (await import('./features/reports/ReportsPage')).ReportsPage }) },
          ],
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
