// Errors for object files that cannot be understood: truncated, corrupt, or
// using ELF features jitcc does not support (REL relocations, other machines).
//
// These are not compiler bugs (the input came from outside) and not C
// diagnostics (there is no source location): the message names the file and
// what is wrong, e.g. "foo.o: section 5 extends past end of file".

export class ObjectFormatError extends Error {
  constructor(
    /** The object's name as given to the reader (a path, or '<memory>'). */
    readonly file: string,
    /** What is wrong, lowercase, without the file name. */
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'ObjectFormatError';
  }
}
