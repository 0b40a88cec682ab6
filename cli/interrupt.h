/* interrupt.h: Ctrl-C and SIGTERM ask edcg to stop at the next safe point
 * (between training steps, or inside a translation, which the engine
 * cancels cleanly). The handler only records the signal; a second signal
 * gets the default action, so a stuck process can still be killed. */
#ifndef EDCG_CLI_INTERRUPT_H
#define EDCG_CLI_INTERRUPT_H

void interrupt_install(void);
/* The signal received (SIGINT or SIGTERM), or 0. */
int interrupt_requested(void);
/* The conventional exit status after a signal: 128 + its number (130 for
 * SIGINT, 143 for SIGTERM). */
int interrupt_exit_status(void);

#endif
