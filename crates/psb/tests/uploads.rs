//! Attachments arrive whole: every byte value, several files at once, from bytes and from a
//! path, with their names and content types.

mod common;

use psb::{Department, NewTicket, Upload};

async fn download(env: &common::TestEnv, id: i64) -> Vec<u8> {
    let url = format!("{}/__sandbox/attachments/{id}", env.control_url);
    reqwest::get(url).await.unwrap().bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn every_byte_value_survives() {
    let env = common::start().await;
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let sent = env
        .client()
        .chats()
        .send(51, None, &[Upload::from_bytes("blob.bin", "application/octet-stream", bytes.clone())])
        .await
        .unwrap();
    assert_eq!(sent.text, None);
    let a = &sent.attachments[0];
    assert_eq!((a.name.as_str(), a.size, a.content_type.as_str()), ("blob.bin", 70_000, "application/octet-stream"));
    assert_eq!(download(&env, a.id).await, bytes);
}

#[tokio::test]
async fn a_ticket_with_several_files_from_paths() {
    let env = common::start().await;
    let dir = std::env::temp_dir().join(format!("psb-uploads-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join("screen shot.png");
    std::fs::write(&png, [0x89, b'P', b'N', b'G', 0, 1, 2]).unwrap();
    let log = dir.join("дамп.log");
    std::fs::write(&log, "line 1\nline 2\n").unwrap();

    let ticket = NewTicket::new("Two files", Department::Technical, "see attached")
        .attach(Upload::from_path(&png).unwrap())
        .attach(Upload::from_path(&log).unwrap());
    let created = env.client().tickets().create(&ticket).await.unwrap();
    let messages = env.client().chats().messages(created.chat.info.id, None, None).await.unwrap();
    let first = messages.iter().find(|m| m.text.as_deref() == Some("see attached")).expect("the first message");
    let mut files: Vec<_> =
        first.attachments.iter().map(|a| (a.name.clone(), a.size, a.content_type.clone())).collect();
    files.sort();
    assert_eq!(
        files,
        vec![
            ("screen shot.png".to_string(), 7, "image/png".to_string()),
            ("дамп.log".to_string(), 14, "text/plain".to_string())
        ]
    );
    let png_id = first.attachments.iter().find(|a| a.name.ends_with(".png")).unwrap().id;
    assert_eq!(download(&env, png_id).await, std::fs::read(&png).unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_missing_path_is_an_io_error() {
    assert_eq!(Upload::from_path("/no/such/file").unwrap_err().kind(), std::io::ErrorKind::NotFound);
}
