package import Foundation
import GRDB
package import StoreSeams

struct TemplateRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "template"
    var id: Int64?
    var templateId: String
    var version: Int
    var subject: String?
    var html: String?
    var text: String
    var createdAt: Date
    var createdBy: String
    var note: String?

    var stored: StoredTemplate {
        StoredTemplate(templateId: templateId, version: version, subject: subject, html: html, text: text, createdAt: createdAt, createdBy: createdBy, note: note)
    }
}

extension SQLiteStore: TemplateCatalog {
    package func latestTemplate(id: String) async throws -> StoredTemplate? {
        try await writer.read { db in
            try TemplateRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM template WHERE templateId = ? ORDER BY version DESC LIMIT 1"), arguments: [id]
            )?.stored
        }
    }

    package func template(id: String, version: Int) async throws -> StoredTemplate? {
        try await writer.read { db in
            try TemplateRecord.filter(Column("templateId") == id && Column("version") == version).fetchOne(db)?.stored
        }
    }

    package func templateVersions(id: String) async throws -> [StoredTemplate] {
        try await writer.read { db in
            try TemplateRecord.filter(Column("templateId") == id).order(Column("version").desc).fetchAll(db).map(\.stored)
        }
    }

    package func latestTemplates() async throws -> [StoredTemplate] {
        try await writer.read { db in
            try TemplateRecord.fetchAll(db, sql: """
                SELECT t.* FROM template t
                JOIN (SELECT templateId, MAX(version) AS version FROM template GROUP BY templateId) m
                  ON m.templateId = t.templateId AND m.version = t.version
                ORDER BY t.templateId
                """).map(\.stored)
        }
    }

    package func saveTemplate(id: String, subject: String?, html: String?, text: String, createdBy: String, note: String?, now: Date) async throws -> StoredTemplate {
        try await writer.write { db in
            let current = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM template WHERE templateId = ?", arguments: [id]) ?? 0
            var record = TemplateRecord(id: nil, templateId: id, version: current + 1, subject: subject, html: html, text: text, createdAt: now, createdBy: createdBy, note: note)
            try record.insert(db)
            return record.stored
        }
    }

    package func seedTemplates(_ templates: [(id: String, subject: String?, html: String?, text: String)], now: Date) async throws -> Int {
        try await writer.write { db in
            var inserted = 0
            for template in templates {
                let exists = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM template WHERE templateId = ?)", arguments: [template.id]) ?? false
                guard !exists else { continue }
                var record = TemplateRecord(id: nil, templateId: template.id, version: 1, subject: template.subject, html: template.html, text: template.text, createdAt: now, createdBy: "shipped", note: nil)
                try record.insert(db)
                inserted += 1
            }
            return inserted
        }
    }
}
