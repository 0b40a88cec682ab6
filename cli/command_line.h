/* command_line.h: the command line as a shell would need it typed again
 * (recorded in trained models, shown in the resume hint). */
#ifndef EDCG_CLI_COMMAND_LINE_H
#define EDCG_CLI_COMMAND_LINE_H

/* "edcg train --a 'my photos' ..." (malloc'ed). `prefix` comes first
 * unquoted; each argument is single-quoted when it needs it. */
char *command_line_join(const char *prefix, int argc, char **argv);

#endif
