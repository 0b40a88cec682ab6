/* commands.h: one function per edcg command. Each takes the arguments after
 * its name and returns the process exit status (diag.h). */
#ifndef EDCG_CLI_COMMANDS_H
#define EDCG_CLI_COMMANDS_H

int cmd_train(int argc, char **argv);
int cmd_apply(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_gallery(int argc, char **argv);

#endif
