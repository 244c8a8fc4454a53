import type { Kysely, Migration } from 'kysely';

/**
 * The store's versions, in order, each applied once and recorded in the store. A released
 * migration is never edited: a change of the tables is a new one at the end.
 */
export const migrations: Record<string, Migration> = {
  '0001-readers-and-sends': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('readers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('email_key', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text')
        .addColumn('lang', 'text')
        .addColumn('topics', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('joined_at', 'text', (c) => c.notNull())
        .addColumn('joined_how', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text')
        .addColumn('status_at', 'text', (c) => c.notNull())
        .addColumn('status_why', 'text')
        .execute();
      await db.schema.createIndex('readers_status').on('readers').column('status').execute();
      await db.schema
        .createTable('send_state')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('outcomes')
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('email_key', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('code', 'integer')
        .addColumn('response', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('torn', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('outcomes_key', ['digest', 'email_key'])
        .execute();
    },
  },
};
