import { NavLink } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { Avatar } from './Avatar';
import { useProfile } from './profile';

/** The signed-in person in the header: photo (or initials) and name, linking to /profil. */
export function HeaderPerson({ name, email }: { name: string; email?: string }) {
  const { t } = useI18n();
  const profile = useProfile();
  return (
    <NavLink to="/profil" className="who who-link" title={email ? `${t('nav.profile')} (${email})` : t('nav.profile')}>
      <Avatar attachmentId={profile.data?.avatarAttachmentId} name={profile.data?.name ?? name} size={24} />
      <span className="who-name">{profile.data?.name ?? name}</span>
    </NavLink>
  );
}
