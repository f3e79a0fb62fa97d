import { useTranslation } from 'react-i18next';
import { useMe } from '../../../api/me/use-me';
import { usePageTitle } from '../../../components/use-page-title';
import { ApiTokens } from './ApiTokens';
import { Devices } from './Devices';
import { MfaSection } from './MfaSection';
import { PasswordForm } from './PasswordForm';
import { ProfileForm } from './ProfileForm';
import { YourData } from './YourData';

/** The signed-in official's own account: details, password, two-step sign-in, the devices signed in, (staff) API tokens, and their personal data. */
export function ProfilePage() {
  const { t } = useTranslation('account');
  usePageTitle(t('myProfile.title'));
  const { data: user } = useMe();
  if (!user) return null;
  return (
    <section>
      <h1>{t('myProfile.title')}</h1>
      <ProfileForm user={user} />
      <PasswordForm email={user.email} />
      <MfaSection />
      <Devices />
      {user.status === 'active' && user.roles.some((role) => role === 'admin' || role === 'focal_point') && <ApiTokens />}
      <YourData />
    </section>
  );
}
