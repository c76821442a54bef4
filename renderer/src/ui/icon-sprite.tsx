import { Briefcase, Check, CircleAlert, Copy, EllipsisVertical, GripVertical, Pin, type LucideIcon } from 'lucide-react';

/**
 * The icons every tile shows, drawn once (lucide, like every other icon in the window) as symbols of one hidden sprite,
 * and used by reference: a tile then costs two DOM nodes per icon instead of a component tree, which keeps a thousand
 * accounts' first frame and each search keystroke within their budget (npm run bench:ui).
 */
const SPRITE = { copy: Copy, check: Check, grip: GripVertical, more: EllipsisVertical, pin: Pin, alert: CircleAlert, work: Briefcase } satisfies Record<string, LucideIcon>;
export type SpriteName = keyof typeof SPRITE;

/** Rendered once, at the top of the app. */
export function IconSprite() {
  return (
    <svg className="icon-sprite" aria-hidden="true" focusable="false">
      {Object.entries(SPRITE).map(([name, Icon]) => (
        <symbol key={name} id={`icon-${name}`} viewBox="0 0 24 24">
          <Icon size={24} strokeWidth={name === 'check' ? 2.5 : 2} />
        </symbol>
      ))}
    </svg>
  );
}

/** An icon of the sprite, decorative (the control around it carries the words). A function, not a component: no fiber. */
export function spriteIcon(name: SpriteName, size = 16, className = 'icon') {
  return (
    <svg className={className} width={size} height={size} aria-hidden="true" focusable="false">
      <use href={`#icon-${name}`} />
    </svg>
  );
}
