// The studio's dialogs' portal, overlay and panel: Radix's (focus moved in, trapped, and returned
// to what opened it; Escape; the rest of the page hidden from screen readers) drawn by Motion,
// which fades and lifts them in and out. Radix keeps the panel mounted (forceMount) while Motion's
// AnimatePresence plays the exit, then unmounts it, and focus goes back. Motion follows the
// system's reduced-motion setting (MotionConfig reducedMotion="user" at the root, main.tsx): the
// panel then only fades.
import type { ComponentProps, ReactNode } from 'react';
import { AlertDialog, Dialog } from 'radix-ui';
import { AnimatePresence, type MotionProps, motion } from 'motion/react';

const SECONDS = 0.14;

// The panel is centred across by translateX(-50%) (studio.css: `.dialog`, from 10vh down), kept
// ahead of Motion's transform.
export const panelMotion: MotionProps = {
  initial: { opacity: 0, y: 8, scale: 0.98 },
  animate: { opacity: 1, y: 0, scale: 1, transition: { duration: SECONDS, ease: 'easeOut' } },
  exit: { opacity: 0, y: 8, scale: 0.98, transition: { duration: SECONDS * 0.75, ease: 'easeIn' } },
  transformTemplate: (_, generated) => (generated === 'none' || generated === '' ? 'translateX(-50%)' : `translateX(-50%) ${generated}`),
};
export const overlayMotion: MotionProps = {
  initial: { opacity: 0 },
  animate: { opacity: 1, transition: { duration: SECONDS } },
  exit: { opacity: 0, transition: { duration: SECONDS * 0.75 } },
};

type ContentProps = Omit<ComponentProps<typeof Dialog.Content>, 'asChild' | 'forceMount'>;

// A Dialog.Root's portal, overlay and content, animated: `open` is the root's.
export function MotionDialogContent({ open, overlayClassName = 'dialog-overlay', children, ...content }: ContentProps & {
  open: boolean;
  overlayClassName?: string;
  children: ReactNode;
}) {
  return (
    <AnimatePresence>
      {open ? (
        <Dialog.Portal forceMount key="dialog">
          <Dialog.Overlay asChild forceMount>
            <motion.div className={overlayClassName} {...overlayMotion} />
          </Dialog.Overlay>
          <Dialog.Content asChild forceMount {...content}>
            <motion.div {...panelMotion}>{children}</motion.div>
          </Dialog.Content>
        </Dialog.Portal>
      ) : null}
    </AnimatePresence>
  );
}

type AlertContentProps = Omit<ComponentProps<typeof AlertDialog.Content>, 'asChild' | 'forceMount'>;

// The same for an AlertDialog.Root.
export function MotionAlertDialogContent({ open, overlayClassName = 'dialog-overlay', children, ...content }: AlertContentProps & {
  open: boolean;
  overlayClassName?: string;
  children: ReactNode;
}) {
  return (
    <AnimatePresence>
      {open ? (
        <AlertDialog.Portal forceMount key="alert-dialog">
          <AlertDialog.Overlay asChild forceMount>
            <motion.div className={overlayClassName} {...overlayMotion} />
          </AlertDialog.Overlay>
          <AlertDialog.Content asChild forceMount {...content}>
            <motion.div {...panelMotion}>{children}</motion.div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      ) : null}
    </AnimatePresence>
  );
}
