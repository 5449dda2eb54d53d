import { name, names, option, type RubyValue } from './ruby-values.js';

// Devise's `devise_for :users`: the routes each Devise module adds (Devise::RailsRoutes), under the resource path.
// Which modules a model uses comes from its `devise :database_authenticatable, …` call; without the model, the
// modules `rails generate devise` writes are assumed.

export interface DeviseModel {
  modules: string[];
  omniauthProviders: string[];
}

export const GENERATOR_DEFAULT: DeviseModel = {
  modules: ['database_authenticatable', 'registerable', 'recoverable', 'rememberable', 'validatable'],
  omniauthProviders: [],
};

const PATH_NAMES: Record<string, string> = {
  sign_in: 'sign_in',
  sign_out: 'sign_out',
  password: 'password',
  confirmation: 'confirmation',
  registration: '',
  unlock: 'unlock',
  sign_up: 'sign_up',
  edit: 'edit',
  cancel: 'cancel',
};

const CONTROLLER_OF_MODULE: Record<string, string> = {
  database_authenticatable: 'sessions',
  recoverable: 'passwords',
  registerable: 'registrations',
  confirmable: 'confirmations',
  lockable: 'unlocks',
  omniauthable: 'omniauth_callbacks',
};

export interface DeviseRoute {
  methods: string[];
  /** Relative to the devise_for path. */
  path: string;
}

/** Routes of `devise_for resource, options` for a model. */
export function deviseRoutes(options: [RubyValue, RubyValue][], model: DeviseModel): DeviseRoute[] {
  const pathNames = { ...PATH_NAMES };
  const custom = option(options, 'path_names');
  if (custom?.t === 'hash') {
    for (const [k, v] of custom.entries) {
      const key = name(k);
      const value = name(v);
      if (key !== undefined && value !== undefined) pathNames[key] = value;
    }
  }
  const skip = names(option(options, 'skip')) ?? [];
  const only = names(option(options, 'only'));
  const signOutVia = names(option(options, 'sign_out_via')) ?? ['delete'];
  const controllers = new Set(model.modules.flatMap((m) => (CONTROLLER_OF_MODULE[m] ? [CONTROLLER_OF_MODULE[m]] : [])));
  const wanted = (c: string): boolean => controllers.has(c) && !skip.includes('all') && !skip.includes(c) && (only === undefined || only.includes(c));
  const p = pathNames;
  const out: DeviseRoute[] = [];
  if (wanted('sessions')) {
    out.push({ methods: ['get', 'post'], path: p.sign_in! }, { methods: signOutVia, path: p.sign_out! });
  }
  if (wanted('passwords')) {
    out.push(
      { methods: ['get'], path: `${p.password}/new` },
      { methods: ['get'], path: `${p.password}/edit` },
      { methods: ['patch', 'put', 'post'], path: p.password! },
    );
  }
  if (wanted('registrations')) {
    out.push(
      { methods: ['get'], path: `${p.registration}/${p.cancel}` },
      { methods: ['get'], path: `${p.registration}/${p.sign_up}` },
      { methods: ['get'], path: `${p.registration}/${p.edit}` },
      { methods: ['patch', 'put', 'delete', 'post'], path: p.registration! },
    );
  }
  if (wanted('confirmations')) out.push({ methods: ['get'], path: `${p.confirmation}/new` }, { methods: ['get', 'post'], path: p.confirmation! });
  if (wanted('unlocks')) out.push({ methods: ['get'], path: `${p.unlock}/new` }, { methods: ['get', 'post'], path: p.unlock! });
  if (wanted('omniauth_callbacks')) {
    for (const provider of model.omniauthProviders) {
      out.push({ methods: ['post'], path: `auth/${provider}` }, { methods: ['get', 'post'], path: `auth/${provider}/callback` });
    }
  }
  return out;
}
