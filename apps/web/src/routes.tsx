import type { FetchQueryOptions, QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, type LoaderFunctionArgs, type RouteObject } from 'react-router';
import { activitiesQuery } from './api/activities/use-activities';
import { activityQuery } from './api/activities/use-activity';
import { participantsQuery } from './api/activities/use-participants';
import { auditEventsQuery } from './api/admin/use-audit-events';
import { FAILED_JOBS_PAGE_SIZE, failedJobsQuery } from './api/admin/use-failed-jobs';
import { MAIL_PAGE_SIZE, mailQuery } from './api/admin/use-mail';
import { ERASURE_REQUESTS_PAGE_SIZE, erasureRequestsQuery } from './api/personal-data/use-erasure-requests';
import { myErasureRequestsQuery } from './api/personal-data/use-my-erasure-requests';
import { myCertificatesQuery } from './api/certificates/use-my-certificates';
import { verificationQuery } from './api/certificates/use-verification';
import { catalogQuery } from './api/courses/use-catalog';
import { courseQuery } from './api/courses/use-course';
import { learningPathQuery } from './api/learning-paths/use-learning-path';
import { learningPathsQuery } from './api/learning-paths/use-learning-paths';
import { myLearningPathsQuery } from './api/learning-paths/use-my-learning-paths';
import { myCoursesQuery } from './api/courses/use-my-courses';
import { trainersQuery } from './api/courses/use-trainers';
import { learnersQuery } from './api/enrolments/use-learners';
import { evaluationQuery } from './api/evaluations/use-evaluation';
import { evaluationResultsQuery } from './api/evaluations/use-evaluation-results';
import { itemAnalysisQuery } from './api/learning/use-item-analysis';
import { lessonQuery } from './api/learning/use-lesson';
import { confirmEmailQuery } from './api/me/use-confirm-email';
import { myEnrolmentsQuery } from './api/learning/use-my-enrolments';
import { memberStatesQuery } from './api/member-states/use-member-states';
import { REGISTRATIONS_PAGE_SIZE, registrationsQuery } from './api/registrations/use-registrations';
import { memberStateReportQuery } from './api/reports/use-member-state-report';
import { sessionsQuery } from './api/sessions/use-sessions';
import { USERS_PAGE_SIZE, usersQuery } from './api/users/use-users';
import { filtersFromSearch as activityFilters } from './features/activities/activity-filters';
import { auditQueryOf, filtersFromSearch as auditFilters, offsetFromSearch } from './features/admin/audit/audit-filters';
import { catalogFilters } from './features/courses/catalog-filters';
import { filtersFromSearch, reportQueryOf } from './features/reports/report-filters';
import { AppLayout } from './features/shell/AppLayout';
import { HomePage } from './features/shell/HomePage';
import { NotFoundPage } from './features/shell/NotFoundPage';
import { RequireUser } from './features/shell/RequireUser';
import { currentLocale, withCatalogs } from './i18n';
import { Loading } from './components/Loading';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of queries of different data types
type AnyQuery = FetchQueryOptions<any, any, any, any>;

/**
 * A route loader that starts the page's queries the moment the route is chosen, while the page's
 * code downloads (React Router runs a static loader and `lazy` side by side), instead of code
 * first and data once the page has rendered. It does not wait for them: the navigation completes
 * as soon as the code is there, and the page shows its own loading and error states as it would
 * without a loader, picking up the requests already on their way.
 */
function prefetch(client: QueryClient, queries: (args: LoaderFunctionArgs) => AnyQuery[]) {
  return (args: LoaderFunctionArgs) => {
    for (const query of queries(args)) void client.prefetchQuery(query);
    return null;
  };
}

/**
 * On the server a loader waits for its queries, so the page renders with its data; a query that
 * fails is kept in the cache as failed (the page shows its error or not-found state).
 */
export function prefetchAndWait(client: QueryClient, queries: (args: LoaderFunctionArgs) => AnyQuery[]) {
  return async (args: LoaderFunctionArgs) => {
    await Promise.all(queries(args).map((query) => client.prefetchQuery(query)));
    return null;
  };
}

const search = ({ request }: LoaderFunctionArgs) => new URL(request.url).searchParams;
const states = () => memberStatesQuery(currentLocale());

export type Start = (queries: (args: LoaderFunctionArgs) => AnyQuery[]) => (args: LoaderFunctionArgs) => null | Promise<null>;

/** Courses and learning paths as their trainers (and admins) author them. */
const teachRoutes = (start: Start): RouteObject[] => [
  {
    element: <RequireUser roles={['trainer', 'admin']} />,
    children: [
      {
        path: 'teach',
        loader: start(() => [myCoursesQuery]),
        lazy: async () => ({ Component: (await import('./features/teach/MyCoursesPage')).MyCoursesPage }),
      },
      {
        path: 'teach/paths/:pathId',
        loader: start(({ params }) => [learningPathQuery(params.pathId!)]),
        lazy: async () => ({
          Component: (await withCatalogs(import('./features/paths/PathEditorPage'), ['courses'])).PathEditorPage,
        }),
      },
      {
        path: 'teach/:courseId',
        loader: start(({ params }) => [courseQuery(params.courseId!), trainersQuery(params.courseId!), states()]),
        lazy: async () => ({ Component: (await import('./features/teach/editor/CourseEditorPage')).CourseEditorPage }),
      },
      {
        path: 'teach/:courseId/quizzes/:lessonId/analysis',
        loader: start(({ params }) => [courseQuery(params.courseId!), itemAnalysisQuery(params.lessonId!)]),
        lazy: async () => ({ Component: (await import('./features/teach/editor/ItemAnalysisPage')).ItemAnalysisPage }),
      },
      {
        path: 'teach/:courseId/learners',
        loader: start(({ params }) => [courseQuery(params.courseId!), learnersQuery(params.courseId!), states()]),
        lazy: async () => ({ Component: (await import('./features/teach/learners/LearnersPage')).LearnersPage }),
      },
      {
        path: 'teach/:courseId/evaluation',
        loader: start(({ params }) => [
          courseQuery(params.courseId!),
          evaluationQuery(params.courseId!),
          evaluationResultsQuery(params.courseId!),
        ]),
        lazy: async () => ({ Component: (await import('./features/teach/evaluation/EvaluationEditorPage')).EvaluationEditorPage }),
      },
    ],
  },
];

/** Training activities: organisers and admins run them; focal points read their State's. */
const activityRoutes = (start: Start): RouteObject[] => [
  {
    element: <RequireUser roles={['trainer', 'admin', 'focal_point']} />,
    children: [
      {
        path: 'activities',
        loader: start((args) => [activitiesQuery(activityFilters(search(args))), states()]),
        lazy: async () => ({ Component: (await import('./features/activities/ActivitiesPage')).ActivitiesPage }),
      },
      {
        path: 'activities/:activityId',
        loader: start(({ params }) => [activityQuery(params.activityId!), participantsQuery(params.activityId!), states()]),
        lazy: async () => ({ Component: (await import('./features/activities/ActivityPage')).ActivityPage }),
      },
    ],
  },
  {
    element: <RequireUser roles={['trainer', 'admin']} />,
    children: [
      {
        path: 'activities/new',
        loader: start(() => [myCoursesQuery, states()]),
        lazy: async () => ({ Component: (await import('./features/activities/ActivityFormPage')).ActivityFormPage }),
      },
      {
        path: 'activities/:activityId/edit',
        loader: start(({ params }) => [activityQuery(params.activityId!), myCoursesQuery, states()]),
        lazy: async () => ({ Component: (await import('./features/activities/ActivityFormPage')).ActivityFormPage }),
      },
      {
        path: 'activities/:activityId/check-in',
        loader: start(({ params }) => [activityQuery(params.activityId!)]),
        lazy: async () => ({ Component: (await import('./features/activities/check-in/CheckInDisplayPage')).CheckInDisplayPage }),
      },
    ],
  },
  {
    element: <RequireUser roles={['admin']} />,
    children: [
      {
        path: 'activities/import',
        lazy: async () => ({ Component: (await import('./features/activities/ImportActivitiesPage')).ImportActivitiesPage }),
      },
    ],
  },
];

/** The signed-in user's own account: the profile, and two-step sign-in (where MFA setup is sent). */
function accountRoutes(start: Start): RouteObject[] {
  return [
    {
      path: 'profile',
      loader: start(() => [sessionsQuery, myErasureRequestsQuery, states()]),
      lazy: async () => ({ Component: (await import('./features/account/profile/ProfilePage')).ProfilePage }),
    },
    {
      path: 'security',
      lazy: async () => ({ Component: (await import('./features/account/profile/SecurityPage')).SecurityPage }),
    },
  ];
}

/** The administrators' pages: users, mail and jobs, the audit log, erasure requests. */
function adminRoutes(start: Start): RouteObject[] {
  return [
    {
      path: 'users',
      loader: start(() => [usersQuery({ limit: USERS_PAGE_SIZE, offset: 0 }), states()]),
      lazy: async () => ({ Component: (await import('./features/users/UsersPage')).UsersPage }),
    },
    {
      path: 'admin/mail',
      loader: start(() => [mailQuery(MAIL_PAGE_SIZE, 0), failedJobsQuery(FAILED_JOBS_PAGE_SIZE, 0)]),
      lazy: async () => ({ Component: (await import('./features/admin/mail/AdminMailPage')).AdminMailPage }),
    },
    {
      path: 'admin/audit',
      loader: start((args) => [auditEventsQuery(auditQueryOf(auditFilters(search(args))), offsetFromSearch(search(args)))]),
      lazy: async () => ({ Component: (await withCatalogs(import('./features/admin/audit/AuditPage'), ['admin'])).AuditPage }),
    },
    {
      path: 'admin/erasure-requests',
      loader: start(() => [erasureRequestsQuery(ERASURE_REQUESTS_PAGE_SIZE, 0)]),
      lazy: async () => ({ Component: (await import('./features/admin/erasure/ErasureRequestsPage')).ErasureRequestsPage }),
    },
  ];
}

/**
 * The route table. Pages other than the home page load on demand, so a visitor downloads only
 * the code of the page they open; each such route starts that page's data in its loader. Routes
 * with `handle.serverRendered` (and the home and not-found pages) are the public pages the server
 * renders as plain HTML for a visitor without a session (entry-server.tsx).
 */
export function appRoutes(start: Start): RouteObject[] {
  return [
    {
      element: <AppLayout />,
      // The first page's code and data are on their way (nothing of the layout can show yet).
      HydrateFallback: () => <Loading />,
      children: [
        // The visitor's home shows the catalog's size and a few courses: fetched with the page.
        { index: true, loader: start(() => [catalogQuery({ limit: 8, offset: 0 })]), element: <HomePage /> },
        { path: 'login', lazy: async () => ({ Component: (await import('./features/auth/LoginPage')).LoginPage }) },
        {
          path: 'register',
          loader: start(() => [states()]),
          lazy: async () => ({ Component: (await import('./features/auth/RegisterPage')).RegisterPage }),
        },
        {
          path: 'forgot-password',
          lazy: async () => ({ Component: (await import('./features/account/ForgotPasswordPage')).ForgotPasswordPage }),
        },
        {
          path: 'reset-password',
          lazy: async () => ({ Component: (await import('./features/account/ResetPasswordPage')).ResetPasswordPage }),
        },
        {
          // Confirming is what opening the link means: the loader starts it while the page downloads.
          path: 'confirm-email',
          loader: start((args) => {
            const token = search(args).get('token');
            return token ? [confirmEmailQuery(token)] : [];
          }),
          lazy: async () => ({ Component: (await import('./features/account/ConfirmEmailPage')).ConfirmEmailPage }),
        },
        {
          path: 'courses',
          handle: { serverRendered: true },
          loader: start((args) => [catalogQuery(catalogFilters(search(args))), learningPathsQuery]),
          lazy: async () => ({ Component: (await withCatalogs(import('./features/courses/CatalogPage'), ['courses'])).CatalogPage }),
        },
        {
          path: 'courses/:idOrSlug',
          handle: { serverRendered: true },
          loader: start(({ params }) => [courseQuery(params.idOrSlug!)]),
          lazy: async () => ({ Component: (await withCatalogs(import('./features/courses/CoursePage'), ['courses'])).CoursePage }),
        },
        {
          path: 'paths/:idOrSlug',
          loader: start(({ params }) => [learningPathQuery(params.idOrSlug!)]),
          lazy: async () => ({
            Component: (await withCatalogs(import('./features/paths/LearningPathPage'), ['courses'])).LearningPathPage,
          }),
        },
        {
          element: <RequireUser />,
          children: [
            {
              path: 'courses/:idOrSlug/lessons/:lessonId',
              loader: start(({ params }) => [courseQuery(params.idOrSlug!), lessonQuery(params.lessonId!)]),
              lazy: async () => ({ Component: (await import('./features/courses/LessonPage')).LessonPage }),
            },
            {
              path: 'courses/:idOrSlug/evaluation',
              loader: start(({ params }) => [courseQuery(params.idOrSlug!)]),
              lazy: async () => ({
                Component: (await withCatalogs(import('./features/courses/EvaluationPage'), ['courses'])).EvaluationPage,
              }),
            },
          ],
        },
        {
          // Open to anyone: signed out, the page offers signing in or registering and comes back with the code.
          path: 'check-in',
          lazy: async () => ({ Component: (await import('./features/activities/check-in/CheckInPage')).CheckInPage }),
        },
        {
          path: 'verify/:code',
          handle: { serverRendered: true },
          loader: start(({ params }) => [verificationQuery(params.code!)]),
          lazy: async () => ({ Component: (await import('./features/certificates/VerifyPage')).VerifyPage }),
        },
        {
          element: <RequireUser roles={['learner']} />,
          children: [
            {
              path: 'learning',
              loader: start(() => [myEnrolmentsQuery, myLearningPathsQuery]),
              lazy: async () => ({ Component: (await import('./features/courses/MyLearningPage')).MyLearningPage }),
            },
            {
              path: 'sync',
              lazy: async () => ({ Component: (await import('./features/offline/SyncPage')).SyncPage }),
            },
            {
              path: 'certificates',
              loader: start(() => [myCertificatesQuery]),
              lazy: async () => ({ Component: (await import('./features/certificates/MyCertificatesPage')).MyCertificatesPage }),
            },
          ],
        },
        ...teachRoutes(start),
        ...activityRoutes(start),
        {
          element: <RequireUser anyStatus />,
          children: [
            {
              path: 'pending',
              loader: start(() => [states()]),
              lazy: async () => ({ Component: (await import('./features/auth/PendingPage')).PendingPage }),
            },
            ...accountRoutes(start),
          ],
        },
        {
          element: <RequireUser roles={['focal_point', 'admin']} />,
          children: [
            {
              path: 'vetting',
              loader: start(() => [registrationsQuery('pending', REGISTRATIONS_PAGE_SIZE, 0), states()]),
              lazy: async () => ({ Component: (await import('./features/vetting/VettingPage')).VettingPage }),
            },
            {
              path: 'reports',
              loader: start((args) => [memberStateReportQuery(reportQueryOf(filtersFromSearch(search(args)), currentLocale()))]),
              lazy: async () => ({ Component: (await import('./features/reports/ReportsPage')).ReportsPage }),
            },
          ],
        },
        {
          element: <RequireUser roles={['admin']} />,
          children: adminRoutes(start),
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ];
}

/** The loaders the browser runs: they start the queries and do not wait for them. */
export const startInBrowser =
  (client: QueryClient): Start =>
  (queries) =>
    prefetch(client, queries);

/** The browser's router. */
export function createAppRouter(routes: RouteObject[]) {
  return createBrowserRouter(routes);
}
