/**
 * The first administrator (issue 18.7): one command, printed by `npm start` when no administrator
 * exists, shown on the console's sign-in page and written in the README. The password is asked for
 * without echo, or read from ADMIN_PASSWORD — never typed on the command line (shell history).
 */
export const FIRST_ADMIN_COMMAND =
  'npm run admin -- create-user --username quantri --full-name "Quản trị hệ thống" --role admin';

/** The variable `create-user` reads the password from when it is not run at a terminal. */
export const ADMIN_PASSWORD_VARIABLE = "ADMIN_PASSWORD";
