from locust import HttpUser, task, between

class RAGAPIUser(HttpUser):
    wait_time = between(1, 3)
    
    @task(3)
    def chat(self):
        self.client.post("/chat", json={
            "session_id": "test",
            "message": "What is the capital of France?"
        })
    
    @task(1)
    def ingest(self):
        self.client.post("/ingest", json={
            "text": "Test document content",
            "title": "Test"
        })
