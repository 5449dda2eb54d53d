/** A problem with an API specification file: `spec.yaml: paths./users.get.parameters[0]: $ref … does not resolve`. */
export class SpecError extends Error {
  constructor(
    readonly file: string,
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${file}: ${where ? `${where}: ` : ''}${problem}`);
  }
}
