import { TransformationType } from 'class-transformer';
import { defaultMetadataStorage as transformerMetadata } from 'class-transformer/cjs/storage.js';
import { type ValidationArguments, ValidationTypes, getMetadataStorage } from 'class-validator';

/**
 * The fast path of the request-body validation: what `plainToInstance` and class-validator's
 * `validate` do to a JSON body that passes, from the same decorators, read once per DTO class.
 *
 * The libraries read their metadata again on every call: class-validator filters and concatenates
 * a class's metadata lists and makes an error object per property, class-transformer looks up
 * each key's decorators. That was about a tenth of a figure write's request thread and of an
 * imported line. A plan reads the metadata once and then runs the same constraint functions.
 *
 * `acceptedBody` answers the DTO instance only when every check passes, and then the instance is
 * the one the libraries would have made (a spec compares the two on generated bodies). For any
 * body that fails a check, or that uses something a plan does not model (an unknown field, a
 * nested object without `@Type`, an asynchronous constraint…), it answers `undefined` and the
 * caller runs the libraries, which also word the problem. The plan can only be slower, never
 * different.
 *
 * It models the validator options of the request bodies (`whitelist`, `forbidNonWhitelisted`,
 * `forbidUnknownValues`, no groups) and the default options of `plainToInstance`.
 */

type DtoClass = new () => object;
type Metadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];
type Validate = (value: unknown, args: ValidationArguments) => unknown;

interface PropertyPlan {
  readonly name: string;
  /** `@IsOptional`, `@ValidateIf`: when one is false, nothing else of the property is checked. */
  readonly conditions: ((object: object, value: unknown) => boolean)[];
  /** `@IsDefined` and every constraint, each bound to its metadata. */
  readonly checks: ((object: object, value: unknown) => boolean)[];
  /** `@ValidateNested`. */
  readonly nested: boolean;
  /** How class-transformer copies the property's value; undefined when it is not modelled. */
  readonly copy: Copy | undefined;
}

/** `@Type(() => C)` makes objects (and an array's objects) instances of C; without it, only primitives are modelled. */
interface Copy {
  readonly type: DtoClass | undefined;
  /** Whether an array value becomes a plain array (class-transformer makes a Set for a Set-typed property). */
  readonly arrays: boolean;
}

interface ClassPlan {
  readonly type: DtoClass;
  readonly properties: Map<string, PropertyPlan>;
  /** The same, as an array to loop over. */
  readonly list: readonly PropertyPlan[];
}

const plans = new Map<DtoClass, ClassPlan | null>();

/** The DTO the libraries would make of `body`, when it passes; otherwise undefined (see above). */
export function acceptedBody<D extends object>(type: new () => D, body: Record<string, unknown>): D | undefined {
  const plan = planOf(type);
  if (plan === null) return undefined;
  const instance = instanceOf(plan, body);
  return instance !== undefined && passes(plan, instance) ? (instance as D) : undefined;
}

/** null: the class is not modelled, or never passes (no metadata, a field without any). */
function planOf(type: DtoClass): ClassPlan | null {
  let plan = plans.get(type);
  if (plan === undefined) {
    plan = buildPlan(type);
    plans.set(type, plan);
  }
  return plan;
}

function buildPlan(type: DtoClass): ClassPlan | null {
  const storage = getMetadataStorage();
  // As class-validator's executor asks, with the body validation's options (no groups, no `always`).
  const metadata = storage.getTargetValidationMetadatas(type, '', false, false, undefined);
  // forbidUnknownValues: an object of a class without metadata is refused.
  if (metadata.length === 0) return null;
  // class-transformer's @Expose/@Exclude change which keys it copies; not modelled.
  if (
    transformerMetadata.getStrategy(type) !== 'none' ||
    transformerMetadata.getExposedMetadatas(type).length > 0 ||
    transformerMetadata.getExcludedMetadatas(type).length > 0
  ) {
    return null;
  }
  const properties = new Map<string, PropertyPlan>();
  for (const [name, list] of Object.entries(storage.groupByPropertyName(metadata))) {
    const property = propertyPlan(type, name, list);
    if (property === null) return null;
    properties.set(name, property);
  }
  // whitelist: a field the constructor defines without any metadata would always be refused.
  if (Object.keys(new type()).some((key) => !properties.has(key))) return null;
  return { type, properties, list: [...properties.values()] };
}

function propertyPlan(type: DtoClass, name: string, list: Metadata[]): PropertyPlan | null {
  const conditions: PropertyPlan['conditions'] = [];
  const checks: PropertyPlan['checks'] = [];
  let nested = false;
  for (const metadata of list) {
    switch (metadata.type) {
      case ValidationTypes.CONDITIONAL_VALIDATION:
        conditions.push(metadata.constraints[0] as (object: object, value: unknown) => boolean);
        break;
      case ValidationTypes.IS_DEFINED:
      case ValidationTypes.CUSTOM_VALIDATION:
        checks.push(checkOf(metadata));
        break;
      case ValidationTypes.NESTED_VALIDATION:
        nested = true;
        break;
      case ValidationTypes.WHITELIST:
        break;
      default:
        return null; // promise validation, or a type this plan does not know
    }
  }
  return { name, conditions, checks, nested, copy: copyOf(type, name) };
}

/** One constraint as class-validator's executor runs it, passing or not. */
function checkOf(metadata: Metadata): (object: object, value: unknown) => boolean {
  // The container's instances, once: the library looks them up on every call.
  const validators = getMetadataStorage()
    .getTargetValidatorConstraints(metadata.constraintCls)
    .map((constraint) => {
      const instance = constraint.instance;
      return instance.validate.bind(instance) as Validate;
    });
  const { validateIf, each, propertyName, constraints } = metadata;
  return (object, value) => {
    if (validateIf !== undefined && !validateIf(object, value)) return true;
    const args: ValidationArguments = {
      targetName: object.constructor?.name,
      property: propertyName,
      object,
      value,
      constraints,
    };
    // Plain loops: this runs for every field of every write.
    for (const validate of validators) {
      if (each && Array.isArray(value)) {
        for (const item of value) if (!isTrueNotPromise(validate(item, args))) return false;
      } else if (!isTrueNotPromise(validate(value, args))) return false;
    }
    return true;
  };
}

/** A promise (an asynchronous constraint) counts as failing: the libraries then decide. */
function isTrueNotPromise(result: unknown): boolean {
  return Boolean(result) && typeof (result as { then?: unknown }).then !== 'function';
}

/** class-transformer's copy of one property, or undefined when it does something not modelled here. */
function copyOf(type: DtoClass, name: string): Copy | undefined {
  // A method or accessor of that name: class-transformer skips the key (or calls a setter).
  if (name in type.prototype) return undefined;
  if (transformerMetadata.findTransformMetadatas(type, name, TransformationType.PLAIN_TO_CLASS).length > 0) {
    return undefined;
  }
  if (transformerMetadata.findExposeMetadataByCustomName(type, name) !== undefined) return undefined;
  const typeMetadata = transformerMetadata.findTypeMetadata(type, name);
  if (typeMetadata === undefined) return { type: undefined, arrays: false };
  if (typeMetadata.options?.discriminator !== undefined) return undefined;
  const reflected = typeMetadata.reflectedType as unknown;
  // A Map-typed property becomes a Map.
  if (reflected === Map) return undefined;
  const target: unknown =
    typeof typeMetadata.typeFunction === 'function'
      ? typeMetadata.typeFunction({ newObject: undefined, object: undefined, property: name } as never)
      : reflected;
  // String, Number, Boolean, Date and Buffer are conversions, not copies.
  if (typeof target !== 'function' || [String, Number, Boolean, Date, Buffer].includes(target as never)) {
    return undefined;
  }
  return {
    type: target as DtoClass,
    arrays: reflected === undefined || reflected === Array || reflected === Object,
  };
}

/** What `plainToInstance(plan.type, body)` makes of a JSON object, or undefined where it is not modelled. */
function instanceOf(plan: ClassPlan, body: Record<string, unknown>): object | undefined {
  const instance = new plan.type() as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    // An unknown key would be refused by the whitelist.
    const copy = plan.properties.get(key)?.copy;
    if (copy === undefined) return undefined;
    const value = body[key];
    if (typeof value !== 'object' || value === null) {
      instance[key] = value;
      continue;
    }
    const copied =
      copy.type === undefined ? undefined : Array.isArray(value) ? arrayOf(copy, value) : objectOf(copy.type, value);
    if (copied === undefined) return undefined;
    instance[key] = copied;
  }
  return instance;
}

function arrayOf(copy: Copy, value: unknown[]): unknown[] | undefined {
  if (!copy.arrays) return undefined;
  const items: unknown[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) {
      items.push(item);
      continue;
    }
    const copied = Array.isArray(item) ? undefined : objectOf(copy.type as DtoClass, item);
    if (copied === undefined) return undefined;
    items.push(copied);
  }
  return items;
}

function objectOf(type: DtoClass, value: object): object | undefined {
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const plan = planOf(type);
  return plan === null ? undefined : instanceOf(plan, value as Record<string, unknown>);
}

/** class-validator's verdict on an instance made by instanceOf: true when it has no error. */
function passes(plan: ClassPlan, object: object): boolean {
  const values = object as Record<string, unknown>;
  // whitelist + forbidNonWhitelisted hold by construction: instanceOf copies only the plan's
  // properties, and buildPlan refuses a class whose constructor defines any other.
  for (const property of plan.list) {
    const value = values[property.name];
    if (!holds(property.conditions, object, value)) continue;
    if (!holds(property.checks, object, value)) return false;
    if (property.nested && value !== undefined && !nestedPasses(value)) return false;
  }
  return true;
}

function holds(
  tests: readonly ((object: object, value: unknown) => boolean)[],
  object: object,
  value: unknown,
): boolean {
  for (const test of tests) if (!test(object, value)) return false;
  return true;
}

/** `@ValidateNested`: an object by its own class's plan, an array item by item; anything else fails. */
function nestedPasses(value: unknown): boolean {
  if (Array.isArray(value))
    return value.every((item) => item === undefined || (!Array.isArray(item) && objectPasses(item)));
  return objectPasses(value);
}

function objectPasses(value: unknown): boolean {
  if (!(value instanceof Object) || value instanceof Set || value instanceof Map) return false;
  const plan = planOf(value.constructor as DtoClass);
  return plan !== null && passes(plan, value);
}
