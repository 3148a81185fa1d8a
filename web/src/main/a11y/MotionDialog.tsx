// The studio's dialogs' portal, overlay and panel: Radix's (focus moved in, trapped, and returned
// to what opened it; Escape; the rest of the page hidden from screen readers) drawn by Motion,
// which fades and lifts them in and out. Radix keeps the panel mounted (forceMount) while Motion's
// AnimatePresence plays the exit, then unmounts it, and focus goes back. Motion follows the
// system's reduced-motion setting (MotionConfig reducedMotion="user" at the root, main.tsx): the
// panel then only fades.
import type { ComponentProps, ComponentType, ReactNode } from 'react';
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

// The parts of a Radix dialog family (Dialog, AlertDialog) this draws with Motion.
interface DialogParts {
  Portal: typeof Dialog.Portal | typeof AlertDialog.Portal;
  Overlay: typeof Dialog.Overlay | typeof AlertDialog.Overlay;
  Content: typeof Dialog.Content | typeof AlertDialog.Content;
}

interface AnimatedProps {
  open: boolean; // the root's
  overlayClassName?: string;
  children: ReactNode;
}

// A dialog family's portal, overlay and content, animated.
function animated<Content extends object>(parts: DialogParts, key: string) {
  const { Portal, Overlay } = parts;
  const ContentPart = parts.Content as unknown as ComponentType<Content & { asChild: true; forceMount: true; children: ReactNode }>;
  return function MotionContent({ open, overlayClassName = 'dialog-overlay', children, ...content }: Content & AnimatedProps) {
    return (
      <AnimatePresence>
        {open ? (
          <Portal forceMount key={key}>
            <Overlay asChild forceMount>
              <motion.div className={overlayClassName} {...overlayMotion} />
            </Overlay>
            <ContentPart asChild forceMount {...(content as unknown as Content)}>
              <motion.div {...panelMotion}>{children}</motion.div>
            </ContentPart>
          </Portal>
        ) : null}
      </AnimatePresence>
    );
  };
}

type ContentProps = Omit<ComponentProps<typeof Dialog.Content>, 'asChild' | 'forceMount' | 'children'>;
type AlertContentProps = Omit<ComponentProps<typeof AlertDialog.Content>, 'asChild' | 'forceMount' | 'children'>;

// A Dialog.Root's portal, overlay and content, animated: `open` is the root's.
export const MotionDialogContent = animated<ContentProps>(Dialog, 'dialog');
// The same for an AlertDialog.Root.
export const MotionAlertDialogContent = animated<AlertContentProps>(AlertDialog, 'alert-dialog');
