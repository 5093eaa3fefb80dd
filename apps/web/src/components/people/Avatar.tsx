import { useSignedUrl } from '../attachments/links';

/** A round photo from an avatar attachment (through a signed link), or the name's initials. */
export function Avatar({
  attachmentId,
  name,
  size = 32,
  alt,
}: {
  attachmentId: string | null | undefined;
  name: string;
  size?: number;
  alt?: string;
}) {
  const src = useSignedUrl(attachmentId);
  if (attachmentId && src.data)
    return <img className="avatar" src={src.data} alt={alt ?? ''} width={size} height={size} style={{ width: size, height: size }} />;
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  return (
    <span
      className="avatar-initials"
      aria-hidden={alt ? undefined : true}
      role={alt ? 'img' : undefined}
      aria-label={alt}
      style={{ width: size, height: size, fontSize: size / 2.6 }}
    >
      {initials || '?'}
    </span>
  );
}
