package import Foundation
import PostgresNIO
package import StoreSeams

extension PostgresStore: TemplateCatalog {
    package func latestTemplate(id: String) async throws -> StoredTemplate? {
        try await read { connection in
            try await connection.query(
                "SELECT * FROM template WHERE template_id = \(id) ORDER BY version DESC LIMIT 1", logger: logger
            ).rows().first.map(Self.template)
        }
    }

    package func template(id: String, version: Int) async throws -> StoredTemplate? {
        try await read { connection in
            try await connection.query(
                "SELECT * FROM template WHERE template_id = \(id) AND version = \(Int64(version))", logger: logger
            ).rows().first.map(Self.template)
        }
    }

    package func templateVersions(id: String) async throws -> [StoredTemplate] {
        try await read { connection in
            try await connection.query("SELECT * FROM template WHERE template_id = \(id) ORDER BY version DESC", logger: logger)
                .rows().map(Self.template)
        }
    }

    package func latestTemplates() async throws -> [StoredTemplate] {
        try await read { connection in
            try await connection.query(
                "SELECT DISTINCT ON (template_id) * FROM template ORDER BY template_id, version DESC", logger: logger
            ).rows().map(Self.template)
        }
    }

    /// Saves the next version of `id`. Relays saving the same template at once take turns on its lock, so each
    /// gets its own version number.
    package func saveTemplate(id: String, subject: String?, html: String?, text: String, createdBy: String, note: String?, now: Date) async throws -> StoredTemplate {
        let logger = logger
        return try await write { connection in
            try await lock([LockKey.template(id)], connection)
            let rows = try await connection.query("""
                INSERT INTO template (template_id, version, subject, html, text, created_at, created_by, note)
                VALUES (\(id), (SELECT COALESCE(MAX(version), 0) + 1 FROM template WHERE template_id = \(id)), \(subject), \(html), \(text),
                        \(now), \(createdBy), \(note))
                RETURNING *
                """, logger: logger).rows()
            guard let row = rows.first else { throw StoreError.invalid("template \(id) was not saved") }
            return try Self.template(row)
        }
    }

    /// Stores version 1 of each template that has no version yet (a template's versions start at 1).
    package func seedTemplates(_ templates: [(id: String, subject: String?, html: String?, text: String)], now: Date) async throws -> Int {
        let logger = logger
        return try await write { connection in
            var inserted = 0
            for template in templates {
                let rows = try await connection.query("""
                    INSERT INTO template (template_id, version, subject, html, text, created_at, created_by, note)
                    VALUES (\(template.id), 1, \(template.subject), \(template.html), \(template.text), \(now), 'shipped', NULL)
                    ON CONFLICT (template_id, version) DO NOTHING
                    RETURNING id
                    """, logger: logger).rows()
                inserted += rows.count
            }
            return inserted
        }
    }

    static func template(_ row: PostgresRandomAccessRow) throws -> StoredTemplate {
        StoredTemplate(
            templateId: try row.value("template_id"), version: Int(try row.value("version", as: Int64.self)),
            subject: try row.value("subject"), html: try row.value("html"), text: try row.value("text"),
            createdAt: try row.value("created_at"), createdBy: try row.value("created_by"), note: try row.value("note")
        )
    }
}
